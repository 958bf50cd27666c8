package dev.sanctl.cli.snaprotate;

import static dev.sanctl.cli.snaprotate.CliHarness.sanctl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.snaprotate.PublicCase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.approvaltests.Approvals;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** {@code sanctl snaprotate plan} from a config repository and a saved listing. */
class SnaprotatePlanCliTest {
  @TempDir static Path dir;
  static List<PublicCase> cases;
  static Path config;

  @BeforeAll
  static void config() throws Exception {
    cases = PublicCase.load();
    config = CliHarness.configWithCases(dir, cases);
  }

  static String[] planArgs(PublicCase c, String format) throws Exception {
    Path listing = dir.resolve(c.id() + ".listing");
    Files.writeString(listing, c.listing());
    List<String> args =
        new ArrayList<>(
            List.of(
                "-C",
                config.toString(),
                "snaprotate",
                "plan",
                "--schedule",
                c.schedule().name(),
                "--listing",
                listing.toString(),
                "--now",
                c.now().toString(),
                "--format",
                format));
    for (String p : c.protectedNames()) {
      args.add("--protect");
      args.add(p);
    }
    return args.toArray(String[]::new);
  }

  @TestFactory
  Stream<DynamicTest> everyPublicCaseThroughTheCli() {
    return cases.stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.id(),
                    () -> {
                      CliHarness.Result r = sanctl(planArgs(c, "text"));
                      assertTrue(r.exitCode() == 0 || r.exitCode() == 3, r.err());
                      Set<String> deleted = new TreeSet<>();
                      Set<String> kept = new TreeSet<>();
                      for (String line : r.out().split("\n")) {
                        String[] f = line.split("\t");
                        if (f[0].equals("DELETE")) deleted.add(f[1]);
                        else if (f[0].matches("KEEP|SKIP|IGNORE")) kept.add(f[1]);
                      }
                      assertEquals(new TreeSet<>(c.expectDelete()), deleted, c.id());
                      assertEquals(new TreeSet<>(c.expectRetain()), kept, c.id());
                      assertEquals(r.out().contains("brakes=-") ? 0 : 3, r.exitCode());
                    }));
  }

  private static PublicCase byId(String id) {
    return cases.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void textPlanOfAChainedScheduleIsApproved() throws Exception {
    CliHarness.Result r = sanctl(planArgs(byId("T37"), "text"));
    assertEquals(3, r.exitCode());
    Approvals.verify(r.out());
  }

  @Test
  void jsonPlanWithForeignAndHeldSnapshotsIsApproved() throws Exception {
    CliHarness.Result r = sanctl(planArgs(byId("T21"), "json"));
    assertEquals(0, r.exitCode(), r.err());
    Approvals.verify(r.out());
  }

  @Test
  void overridingTheBrakeMakesTheExitCodeZero() throws Exception {
    List<String> args = new ArrayList<>(List.of(planArgs(byId("T37"), "text")));
    args.add("--override=mass");
    assertEquals(0, sanctl(args.toArray(String[]::new)).exitCode());
  }

  @Test
  void configurationErrorsExitOneWithOneClearMessage() throws Exception {
    Path listing = dir.resolve("t01.listing");
    Files.writeString(listing, byId("T01").listing());
    String l = listing.toString();
    String now = "2025-03-15T12:00:00Z";
    String[][] bad = {
      {"--rules", "", "--zone", "UTC"},
      {"--rules", "D:daily:0"},
      {"--rules", "D:fortnightly:2"},
      {"--rules", "D:daily:2", "--zone", "Mars/Olympus_Mons"},
      {"--rules", "D:daily:2", "--keep-last", "0"},
      {"--rules", "D:daily:2,D:weekly:3"},
      {"-C", config.toString(), "--schedule", "NO_SUCH_SCHEDULE"},
    };
    for (String[] b : bad) {
      List<String> args = new ArrayList<>();
      int at = 0;
      if (b[0].equals("-C")) {
        args.add(b[0]);
        args.add(b[1]);
        at = 2;
      }
      args.addAll(List.of("snaprotate", "plan", "--listing", l, "--now", now));
      for (int i = at; i < b.length; i++) args.add(b[i]);
      CliHarness.Result r = sanctl(args.toArray(String[]::new));
      assertEquals(1, r.exitCode(), String.join(" ", b) + ": " + r.err());
      assertTrue(r.err().startsWith("sanctl: error: "), r.err());
      assertTrue(r.out().isEmpty());
    }
    Path broken = dir.resolve("broken.listing");
    Files.writeString(broken, "tank/vol1@a\t1\t2\n");
    CliHarness.Result r =
        sanctl(
            "snaprotate",
            "plan",
            "--rules",
            "D:daily:2",
            "--listing",
            broken.toString(),
            "--now",
            now);
    assertEquals(1, r.exitCode());
    assertTrue(r.err().startsWith(broken + ":1:1: expected 9 TAB-separated fields"), r.err());
  }

  @Test
  void usageErrorsExit64NeverTwo() throws Exception {
    Path listing = dir.resolve("t01.listing");
    Files.writeString(listing, byId("T01").listing());
    String now = "2025-03-15T12:00:00Z";
    String[][] bad = {
      {"snaprotate", "plan", "--listing", listing.toString(), "--now", now},
      {
        "snaprotate",
        "plan",
        "--rules",
        "D:daily:2",
        "--override",
        "nosuchbrake",
        "--listing",
        listing.toString(),
        "--now",
        now
      },
    };
    for (String[] b : bad) {
      CliHarness.Result r = sanctl(b);
      assertEquals(64, r.exitCode(), String.join(" ", b) + ": " + r.err());
      assertTrue(r.err().startsWith("sanctl: error: "), r.err());
      assertTrue(r.err().contains("sanctl snaprotate --help"), r.err());
    }
  }
}
