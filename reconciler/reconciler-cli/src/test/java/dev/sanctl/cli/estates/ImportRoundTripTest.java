package dev.sanctl.cli.estates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.ExitCodes;
import dev.sanctl.cli.ImportCommand;
import dev.sanctl.cli.support.CliRun;
import dev.sanctl.core.engine.SecretDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Import round-trips (issue #19), through the CLI: an estate (every shipped example, generated
 * estates) is built on a simulated cluster ({@code sanctl sim init}) and applied; {@code sanctl
 * import} into a config directory holding only what cannot be discovered (cluster, nodes,
 * transport, policy, alerts, portal and initiator groups); then {@code plan} on it changes nothing
 * but what the import listed at the end as {@code not imported: ADDRESS: REASON}, and every item of
 * that list is explained by an importer or names a provider without one: none is "live, but not
 * imported". CHAP secrets are never imported: the admin creates the secret files the import names
 * (the test plays the admin with the estate's secrets). No scratch directory is left behind.
 */
class ImportRoundTripTest {
  /** The sections an admin declares by hand: everything else is imported. */
  static final List<String> DECLARED =
      List.of(
          "cluster", "nodes", "transport", "policy", "alerts", "portalGroups", "initiatorGroups");

  private static final Pattern CHANGE = Pattern.compile("(?m)^  # (\\S+) will be ");
  private static final Pattern CREATE_SECRET =
      Pattern.compile("CHAP secret of user (\\S+) \\(.*?\\): create (\\S+) ");

  @TempDir Path tmp;
  Path secrets;
  String savedSecretDirs;

  @BeforeEach
  void secretsDirectory() throws IOException {
    secrets = Files.createDirectories(tmp.resolve("secrets"));
    savedSecretDirs = System.getProperty(SecretDirs.PROPERTY);
    System.setProperty(SecretDirs.PROPERTY, secrets.toString());
  }

  @AfterEach
  void restoreSecretDirs() {
    if (savedSecretDirs == null) System.clearProperty(SecretDirs.PROPERTY);
    else System.setProperty(SecretDirs.PROPERTY, savedSecretDirs);
  }

  @ParameterizedTest
  @ValueSource(strings = {"quickstart", "amherst", "stmf-ha"})
  void everyExampleRoundTrips(String example) throws Exception {
    CliRun.assumeProviders();
    Path config = tmp.resolve("config");
    Files.createDirectories(config);
    try (Stream<Path> files = Files.list(CliRun.examples().resolve(example))) {
      for (Path f : files.toList()) {
        // the example's secret files live in this test's secrets directory
        String text = Files.readString(f).replace("/etc/sanctl/", secrets + "/");
        Files.writeString(config.resolve(f.getFileName().toString()), text);
      }
    }
    roundTrip(config);
  }

  @Test
  void generatedEstatesRoundTrip() throws Exception {
    CliRun.assumeProviders();
    for (long seed = 20261219L; seed < 20261219L + 4; seed++) {
      Estate estate = new EstateGenerator(seed).estate();
      Path config = tmp.resolve("estate-" + seed);
      Files.createDirectories(config);
      for (String[] f : estate.files(secrets.toString())) {
        Files.writeString(config.resolve(f[0]), f[1]);
      }
      for (String[] s : estate.secrets()) writeSecret(secrets.resolve(s[0]), s[1]);
      roundTrip(config);
    }
  }

  /** Builds, applies, imports and re-plans the estate of {@code config}. */
  private void roundTrip(Path config) throws Exception {
    Map<String, String> chapSecrets = createSecretFiles(config);
    Path base = config.getParent().resolve(config.getFileName() + "-run");
    Path sim = base.resolve("sim");
    CliRun.Result init = CliRun.run("sim", "init", sim.toString(), "-C", config.toString());
    assertEquals(ExitCodes.OK, init.exit(), init.toString());
    CliRun.Result applied = cli(config, base.resolve("state"), sim, "apply", "--auto-approve");
    assertEquals(ExitCodes.OK, applied.exit(), applied.toString());

    Path adopt = Files.createDirectories(base.resolve("adopt"));
    Files.writeString(adopt.resolve("declared.yaml"), declaredSections(config));
    List<String> tmpBefore = scratchDirs(Path.of(System.getProperty("java.io.tmpdir")));
    CliRun.Result imported = cli(adopt, base.resolve("state2"), sim, "import");
    String yaml =
        Files.exists(adopt.resolve("imported.yaml"))
            ? Files.readString(adopt.resolve("imported.yaml"))
            : "(none)";
    final String context = "--- import\n" + imported + "--- imported.yaml\n" + yaml;
    assertEquals(ExitCodes.OK, imported.exit(), context);
    assertEquals(List.of(), scratchDirs(adopt), "no scratch directory left in " + adopt);
    assertEquals(
        tmpBefore, scratchDirs(Path.of(System.getProperty("java.io.tmpdir"))), "none in /tmp");

    Map<String, String> notImported = notImported(imported.err());
    notImported.forEach(
        (address, reason) ->
            assertFalse(
                reason.startsWith("live, but not imported by the"),
                "an importer left out " + address + " without saying why\n" + context));
    // the admin creates the CHAP secret files the import names
    Matcher m = CREATE_SECRET.matcher(imported.err());
    while (m.find()) {
      assertTrue(chapSecrets.containsKey(m.group(1)), m.group(1) + " is a user of the estate");
      writeSecret(Path.of(m.group(2)), chapSecrets.get(m.group(1)));
    }
    for (String secret : chapSecrets.values()) {
      assertFalse(yaml.contains(secret), "no secret in the imported file\n" + yaml);
      assertFalse(imported.out().contains(secret) || imported.err().contains(secret), context);
    }

    CliRun.Result plan = cli(adopt, base.resolve("state2"), sim, "plan", "--detailed-exitcode");
    String planContext = context + "--- plan\n" + plan;
    Matcher c = CHANGE.matcher(plan.out());
    int changes = 0;
    while (c.find()) {
      changes++;
      String address = c.group(1);
      assertTrue(
          notImported.keySet().stream().anyMatch(address::startsWith),
          address + " is changed but was not listed as not imported\n" + planContext);
    }
    if (changes == 0) {
      assertEquals(ExitCodes.OK, plan.exit(), planContext);
      assertTrue(plan.out().contains("No changes"), planContext);
    } else {
      assertEquals(ExitCodes.CHANGES, plan.exit(), planContext);
    }
  }

  /** {@code not imported: ADDRESS: REASON} lines of the import's standard error. */
  static Map<String, String> notImported(String err) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : err.lines().toList()) {
      if (!line.startsWith(ImportCommand.NOT_IMPORTED)) continue;
      String rest = line.substring(ImportCommand.NOT_IMPORTED.length());
      int colon = rest.indexOf(": ");
      out.put(rest.substring(0, colon), rest.substring(colon + 2));
    }
    return out;
  }

  /** Directories named like import's scratch directories below {@code dir}. */
  private static List<String> scratchDirs(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.contains("sanctl-import"))
          .sorted()
          .toList();
    }
  }

  /**
   * Creates every {@code secretFile}/{@code passwordFile} the config names that does not exist;
   * returns the CHAP users' secrets by user.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, String> createSecretFiles(Path config) throws IOException {
    Map<String, String> byUser = new LinkedHashMap<>();
    List<Map<String, Object>> users = new ArrayList<>();
    for (Map<String, Object> doc : documents(config)) {
      if (!(doc.get("targets") instanceof List<?> targets)) continue;
      for (Object t : targets) {
        if (!(((Map<String, Object>) t).get("chap") instanceof Map<?, ?> chap)) continue;
        if (chap.get("incoming") instanceof List<?> in) {
          in.forEach(u -> users.add((Map<String, Object>) u));
        }
        if (chap.get("outgoing") instanceof Map<?, ?> o) users.add((Map<String, Object>) o);
      }
    }
    for (Map<String, Object> u : users) {
      Path file = Path.of(u.get("secretFile").toString());
      if (!Files.exists(file)) writeSecret(file, "Secret" + u.get("user") + "xxxxxxxxxxxx");
      byUser.put(u.get("user").toString(), Files.readString(file).strip());
    }
    for (Map<String, Object> doc : documents(config)) {
      Matcher m = Pattern.compile("passwordFile=([^,}]+)").matcher(String.valueOf(doc));
      while (m.find()) {
        Path file = Path.of(m.group(1).strip());
        if (!Files.exists(file)) writeSecret(file, "smtp-password");
      }
    }
    return byUser;
  }

  private static void writeSecret(Path file, String secret) throws IOException {
    String s = secret.length() > 16 ? secret.substring(0, 16) : secret;
    Files.createDirectories(file.getParent());
    Files.writeString(file, s + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  /** The sections of {@link #DECLARED} of every file of {@code config}, as one document. */
  private static String declaredSections(Path config) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("apiVersion", "sanctl/v1");
    for (Map<String, Object> doc : documents(config)) {
      for (String section : DECLARED) {
        if (doc.containsKey(section)) out.put(section, doc.get(section));
      }
    }
    return new Dump(DumpSettings.builder().build()).dumpToString(out);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> documents(Path config) throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(config)) {
      for (Path f : files.filter(p -> p.toString().matches(".*\\.ya?ml")).sorted().toList()) {
        Object doc = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(f));
        if (doc instanceof Map<?, ?> map) out.add((Map<String, Object>) map);
      }
    }
    return out;
  }

  private static CliRun.Result cli(
      Path config, Path state, Path sim, String command, String... args) {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "-C",
                config.toString(),
                "--no-color",
                command,
                "--sim",
                sim.toString(),
                "--state-dir=" + state));
    argv.addAll(List.of(args));
    return CliRun.run(argv.toArray(String[]::new));
  }
}
