package dev.sanctl.cli.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.ExitCodes;
import dev.sanctl.cli.templates.GitHubActionsRun.Step;
import dev.sanctl.core.plan.PlanJson;
import dev.sanctl.gitops.WatchState;
import dev.sanctl.testkit.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The adoption path of a new user, scripted end to end through the CLI (issue #19, "Done when"): a
 * running estate (examples/quickstart applied to a simulated cluster), {@code import} into an empty
 * config repository (the cluster and its portals), {@code plan} empty, commit; {@code watch --once}
 * applies the next commit (a grown volume); the pull-request workflow as shipped produces one
 * comment and one artifact from one plan.
 */
class AdoptionTest {
  static final Path QUICKSTART = Path.of("../../examples/quickstart").toAbsolutePath().normalize();

  @TempDir Path tmp;

  @Test
  void importPlanEmptyCommitWatchAppliesTheNextCommitAndThePullRequestGetsOnePlan()
      throws Exception {
    TemplateHarness h = new TemplateHarness(tmp);
    Path estate = Files.createDirectories(tmp.resolve("estate"));
    try (Stream<Path> files = Files.list(QUICKSTART)) {
      for (Path f : files.toList()) Files.copy(f, estate.resolve(f.getFileName()));
    }
    ok(cli("sim", "init", h.sim.toString(), "-C", estate.toString()));
    ok(cli("-C", estate.toString(), "apply", "--sim", h.sim.toString(), "--auto-approve"));

    // an empty config repository: the cluster (auto-applying) and its portals
    String cluster =
        Files.readString(estate.resolve("cluster.yaml"))
            .replace("autoApply: false", "autoApply: true");
    String iscsi = Files.readString(estate.resolve("iscsi.yaml"));
    h.main(
        "cluster.yaml",
        cluster,
        "iscsi.yaml",
        iscsi.substring(0, iscsi.indexOf("initiatorGroups:")),
        ".github/workflows/sanctl-plan.yml",
        Files.readString(GitHubWorkflowTemplateTest.WORKFLOW));
    String repo = h.admin.toString();
    ok(cli("-C", repo, "import", "--sim", h.sim.toString()));
    List<String> left = plannedAddresses(repo, h);
    if (!left.isEmpty()) {
      // import does not yet express IET target options: only those may be left, and the admin
      // completes the import by hand with the estate's targetDefaults
      for (String address : left) {
        assertTrue(address.matches("san-[ab]/iet\\.file/+etc/iet/ietd\\.conf"), "left: " + left);
      }
      Path portals = h.admin.resolve("iscsi.yaml");
      Files.writeString(
          portals,
          Files.readString(portals)
              + iscsi.substring(iscsi.indexOf("targetDefaults:"), iscsi.indexOf("targets:")));
    }
    var plan = cli("-C", repo, "plan", "--sim", h.sim.toString(), "--detailed-exitcode");
    assertEquals(ExitCodes.OK, plan.exitCode(), "plan right after import:\n" + out(plan));
    String imported = h.commitMain("import the running estate");

    Path state = tmp.resolve("state");
    String[] watch = {
      "-C",
      tmp.toString(),
      "watch",
      "--once",
      "--repo",
      h.bare.toString(),
      "--state-dir",
      state.toString(),
      "--sim",
      h.sim.toString(),
      "--drift-interval",
      "0s"
    };
    ok(cli(watch));
    assertEquals(imported, WatchState.read(state).orElseThrow().lastApplied());

    Path importedYaml = h.admin.resolve("imported.yaml");
    Files.writeString(importedYaml, grow(Files.readString(importedYaml), "lv_web01_data"));
    String grown = h.commitMain("grow lv_web01_data");
    var applied = cli(watch);
    assertEquals(ExitCodes.OK, applied.exitCode(), out(applied));
    WatchState w = WatchState.read(state).orElseThrow();
    assertEquals(grown, w.lastApplied(), out(applied));
    assertEquals(WatchState.Outcome.APPLIED, outcomeOf(w, grown), w.results().toString());
    assertEquals(
        ExitCodes.OK,
        cli("-C", repo, "plan", "--sim", h.sim.toString(), "--detailed-exitcode").exitCode(),
        "the grown volume is live");

    Files.writeString(importedYaml, grow(Files.readString(importedYaml), "lv_db01_data"));
    h.pullRequest("grow lv_db01_data");
    GitHubActionsRun gh = new GitHubActionsRun(h);
    gh.secrets.put("SANCTL_SSH_KEY", "key");
    List<Step> steps = gh.run(GitHubWorkflowTemplateTest.WORKFLOW, "plan");
    steps.forEach(s -> assertTrue(s.ran() && s.exit() == 0, s.toString()));
    assertEquals(1, h.invocations().stream().filter(i -> i.contains(" plan ")).count());
    PlanJson.Saved artifact =
        PlanJson.read(Files.readString(gh.artifacts.resolve("sanctl-plan-7/plan.json")));
    var comments = JsonMapper.builder().build().readTree(gh.commentsJson());
    assertEquals(1, comments.size(), comments.toString());
    String body = comments.get(0).get("body").asString();
    assertTrue(artifact.changes().containsKey("san-a/lvm.volume/vg_san/lv_db01_data"), body);
    for (String address : artifact.changes().keySet()) {
      assertTrue(address.matches(".*lv[_-]db01[_-]data.*"), "only the grown volume: " + address);
      assertTrue(body.contains(address), "the comment shows the artifact's plan: " + body);
    }
  }

  /** Doubles the size of {@code volume} in YAML (whatever unit import wrote it in). */
  static String grow(String yaml, String volume) {
    Matcher m =
        Pattern.compile("(" + Pattern.quote(volume) + ":[^\\n]*?size: \"?)(\\d+)([A-Za-z]*)")
            .matcher(yaml);
    if (!m.find()) {
      m =
          Pattern.compile(
                  "("
                      + Pattern.quote(volume)
                      + ":\\s*\\n(?:\\s+#.*\\n)*\\s+size: \"?)(\\d+)([A-Za-z]*)")
              .matcher(yaml);
      assertTrue(m.find(), "no size of " + volume + " in\n" + yaml);
    }
    long doubled = Long.parseLong(m.group(2)) * 2;
    return yaml.substring(0, m.start())
        + m.group(1)
        + doubled
        + m.group(3)
        + yaml.substring(m.end());
  }

  /** The addresses of the changes {@code plan --format json} lists. */
  private static List<String> plannedAddresses(String repo, TemplateHarness h) {
    var r = cli("-C", repo, "plan", "--sim", h.sim.toString(), "--format", "json");
    assertTrue(r.exitCode() == 0, out(r));
    List<String> out = new java.util.ArrayList<>();
    JsonMapper.builder()
        .build()
        .readTree(r.out())
        .path("changes")
        .forEach(c -> out.add(c.path("address").asString()));
    return out;
  }

  private static WatchState.Outcome outcomeOf(WatchState w, String commit) {
    return w.results().stream()
        .filter(r -> commit.equals(r.revision()))
        .map(WatchState.Result::outcome)
        .reduce((a, b) -> b)
        .orElse(null);
  }

  private static CliRunner.Result cli(String... args) {
    return CliRunner.run(args);
  }

  private static void ok(CliRunner.Result r) {
    assertEquals(0, r.exitCode(), out(r));
  }

  private static String out(CliRunner.Result r) {
    return "exit " + r.exitCode() + "\n--- out\n" + r.out() + "--- err\n" + r.err();
  }
}
