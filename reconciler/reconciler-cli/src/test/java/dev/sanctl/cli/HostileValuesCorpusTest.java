package dev.sanctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.support.CliRun;
import dev.sanctl.core.config.ConfigLoader;
import dev.sanctl.core.config.DocumentMerger;
import dev.sanctl.core.config.LoadResult;
import dev.sanctl.core.config.ModelBuilder;
import dev.sanctl.core.config.ParsedFile;
import dev.sanctl.core.config.SourceFile;
import dev.sanctl.core.config.YamlFileReader;
import dev.sanctl.core.engine.Engine;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.provider.ProviderRegistry;
import dev.sanctl.sim.SimCluster;
import dev.sanctl.spi.diag.Diagnostic;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.values.ChapSecret;
import dev.sanctl.spi.values.ChapUser;
import dev.sanctl.spi.values.Comment;
import dev.sanctl.spi.values.CronCommand;
import dev.sanctl.spi.values.CronComment;
import dev.sanctl.spi.values.IetOptionKey;
import dev.sanctl.spi.values.IetOptionValue;
import dev.sanctl.spi.values.LuAlias;
import dev.sanctl.spi.values.NodePath;
import dev.sanctl.spi.values.Serial;
import dev.sanctl.spi.values.StmfHaWord;
import dev.sanctl.spi.values.ValueKind;
import dev.sanctl.spi.values.ZfsPropertyValue;
import dev.sanctl.testkit.HostileValues;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #14: the hostile-input corpus ({@link HostileValues}) through every value kind and backend.
 * Each hostile value is put into one field of a valid configuration; then
 *
 * <ul>
 *   <li>{@code sanctl validate} refuses it (exit 1) with an error at the value's {@code
 *       file:line:column}, and
 *   <li>with validation bypassed (the model built straight from the YAML), {@code plan} on the
 *       simulator reports an error finding and no command of the plan carries the value in an
 *       argument or on standard input (what would reach a node file or a parameter list).
 * </ul>
 */
class HostileValuesCorpusTest {
  static final String IET =
      """
      cluster: {name: c, iqnPrefix: iqn.2024-01.org.example}
      nodes:
        n1: {address: 192.0.2.1, services: [lvm, files, iet, cron]}
      volumeGroups:
        vg:
          nodes: [n1]
          metaVolume: {name: meta, size: 1G, mountPoint: @MOUNT@}
          volumes: {lv: {size: 1G}}
        fg: {type: files, path: @PATH@, nodes: [n1], volumes: {f: {size: 1M}}}
      portalGroups:
        pg: {portals: {n1: [10.0.0.1]}}
      iet:
        global: {iSNSAccessControl: @GLOBAL@}
      targetDefaults:
        options: {@KEY@: @OPTION@}
      targets:
        - volume: vg/lv
          serial: @SERIAL@
          portalGroup: pg
          comment: @COMMENT@
          chap: {incoming: [{user: @USER@, secretFile: /etc/sanctl/chap}]}
        - {volume: fg/f, portalGroup: pg}
      cron:
        n1:
          - {schedule: "0 1 * * *", command: @COMMAND@, comment: @CRONCOMMENT@}
      """;

  static final String TGT =
      """
      cluster: {name: c, iqnPrefix: iqn.2024-01.org.example}
      nodes:
        n1: {address: 192.0.2.1, services: [files, tgt]}
      volumeGroups:
        fg: {type: files, path: @PATH@, nodes: [n1], volumes: {f: {size: 1M}}}
      portalGroups:
        pg: {portals: {n1: [10.0.0.1]}}
      targets:
        - volume: fg/f
          serial: @SERIAL@
          portalGroup: pg
          chap: {incoming: [{user: @USER@, secretFile: /etc/sanctl/chap}]}
      """;

  static final String COMSTAR =
      """
cluster: {name: c, iqnPrefix: iqn.2024-01.org.example}
nodes:
  z1: {address: 192.0.2.2, os: illumos, services: [zfs, comstar]}
pools:
  tank:
    nodes: [z1]
    volumes: {tank/v: {size: 1G, properties: {"org.example:note": @ZFS@}}}
    comstar:
      logicalUnits:
        - {zvol: tank/v, guid: 600144f0000000000000000000000001, serial: @SERIAL@, alias: @ALIAS@}
""";

  static final String STMFHA =
      """
      cluster: {name: c, iqnPrefix: iqn.2024-01.org.example}
      nodes:
        z1: {address: 192.0.2.2, os: illumos, services: [zfs, comstar]}
      pools:
        tank:
          nodes: [z1]
          volumes: {tank/v: {size: 1G}}
          stmfHa:
            targetPortalGroups: {tpg1: [10.30.0.1]}
            hostGroups: {hg1: [@MEMBER@]}
      """;

  /** Harmless values of every placeholder. */
  static final Map<String, String> SAFE =
      Map.ofEntries(
          Map.entry("@MOUNT@", "/mnt/meta"),
          Map.entry("@PATH@", "/srv/fg"),
          Map.entry("@GLOBAL@", "\"No\""),
          Map.entry("@KEY@", "InitialR2T"),
          Map.entry("@OPTION@", "\"No\""),
          Map.entry("@SERIAL@", "S1"),
          Map.entry("@COMMENT@", "web01"),
          Map.entry("@USER@", "web"),
          Map.entry("@COMMAND@", "\"true\""),
          Map.entry("@CRONCOMMENT@", "nightly"),
          Map.entry("@ZFS@", "note"),
          Map.entry("@ALIAS@", "db"),
          Map.entry("@MEMBER@", "iqn.1994-05.com.redhat:web01"));

  /** A field: the backend's config, the placeholder, the value kind that guards it. */
  record Field(String backend, String config, String placeholder, ValueKind kind) {
    String name() {
      return backend + " " + kind.name() + " (" + placeholder + ")";
    }
  }

  static final List<Field> FIELDS =
      List.of(
          new Field("iet", IET, "@SERIAL@", Serial.KIND),
          new Field("iet", IET, "@GLOBAL@", IetOptionValue.KIND),
          new Field("iet", IET, "@OPTION@", IetOptionValue.KIND),
          new Field("iet", IET, "@KEY@", IetOptionKey.KIND),
          new Field("iet", IET, "@COMMENT@", Comment.KIND),
          new Field("iet", IET, "@PATH@", NodePath.KIND),
          new Field("iet", IET, "@MOUNT@", NodePath.KIND),
          new Field("iet", IET, "@USER@", ChapUser.KIND),
          new Field("cron", IET, "@COMMAND@", CronCommand.KIND),
          new Field("cron", IET, "@CRONCOMMENT@", CronComment.KIND),
          new Field("tgt", TGT, "@SERIAL@", Serial.KIND),
          new Field("tgt", TGT, "@PATH@", NodePath.KIND),
          new Field("tgt", TGT, "@USER@", ChapUser.KIND),
          new Field("comstar", COMSTAR, "@SERIAL@", Serial.KIND),
          new Field("comstar", COMSTAR, "@ALIAS@", LuAlias.KIND),
          new Field("zfs", COMSTAR, "@ZFS@", ZfsPropertyValue.KIND),
          new Field("stmf-ha", STMFHA, "@MEMBER@", StmfHaWord.KIND));

  @TempDir Path tmp;

  static String config(String template, String placeholder, String yaml) {
    String s = template.replace(placeholder, "@HERE@");
    for (Map.Entry<String, String> e : SAFE.entrySet()) s = s.replace(e.getKey(), e.getValue());
    return s.replace("@HERE@", yaml);
  }

  /** A YAML scalar holding exactly {@code value}; keys too are double-quoted. */
  static String yaml(String value) {
    return HostileValues.yaml(value);
  }

  @Test
  void everyBaseConfigurationIsValid() {
    for (String template : List.of(IET, TGT, COMSTAR, STMFHA)) {
      LoadResult r = load(config(template, "@NONE@", ""));
      assertTrue(r.ok(), r.diagnostics().toString());
    }
  }

  @TestFactory
  Stream<DynamicNode> everyHostileValueIsRefusedByValidateAndByPlan() {
    return FIELDS.stream()
        .map(
            f ->
                DynamicContainer.dynamicContainer(
                    f.name(),
                    HostileValues.ALL.stream()
                        .filter(v -> f.kind().check(v) != null)
                        // YAML itself refuses an implicit key of more than 1024 characters
                        .filter(v -> !f.placeholder().equals("@KEY@") || v.length() <= 1024)
                        .map(
                            v ->
                                DynamicTest.dynamicTest(
                                    HostileValues.label(v), () -> refused(f, v)))));
  }

  /** Every corpus value is outside every kind that guards a file or an argument. */
  @Test
  void theCorpusIsHostileToEveryKindButFreeText() {
    for (Field f : FIELDS) {
      List<String> accepted = new ArrayList<>();
      for (String v : HostileValues.ALL) if (f.kind().check(v) == null) accepted.add(v);
      boolean freeText =
          f.kind() == Comment.KIND
              || f.kind() == CronComment.KIND
              || f.kind() == CronCommand.KIND
              || f.kind() == LuAlias.KIND
              || f.kind() == ZfsPropertyValue.KIND;
      if (!freeText) assertEquals(List.of(), accepted, f.name());
      for (String v : accepted) {
        assertTrue(v.codePoints().allMatch(c -> c >= 0x20 && c < 0x7f), f.name() + " " + v);
      }
    }
  }

  private void refused(Field f, String value) throws Exception {
    String text = config(f.config(), f.placeholder(), yaml(value));
    // 1. validate: exit 1, an error at the value
    Path dir = Files.createDirectories(tmp.resolve("cfg-" + System.nanoTime()));
    Files.writeString(dir.resolve("c.yaml"), text);
    CliRun.Result r = CliRun.run("validate", "-C", dir.toString());
    assertEquals(ExitCodes.ERROR, r.exit(), r.toString());
    String at = "c.yaml:" + position(text, yaml(value)) + ": ";
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith(at)), at + "\n" + r);
    assertFalse(r.out().contains("Exception") || r.err().contains("Exception"), r.toString());
    // 2. plan with validation bypassed: an error finding, the value in no command
    DesiredState hostile = unchecked(text);
    Plan plan = plan(config(f.config(), "@NONE@", ""), hostile, "chap-secret-0123");
    assertRefused(plan, f.kind());
    assertNotInAnyCommand(plan, value);
  }

  @TestFactory
  Stream<DynamicTest> aHostileChapSecretFileIsRefusedByPlan() {
    return Stream.of(IET, TGT)
        .flatMap(
            template ->
                HostileValues.ALL.stream()
                    .filter(v -> ChapSecret.KIND.check(v) != null)
                    .map(
                        v ->
                            DynamicTest.dynamicTest(
                                (template == IET ? "iet " : "tgt ") + HostileValues.label(v),
                                () -> {
                                  String text = config(template, "@NONE@", "");
                                  Plan plan = plan(text, unchecked(text), v);
                                  assertRefused(plan, ChapSecret.KIND);
                                  assertNotInAnyCommand(plan, v);
                                  for (Finding x : plan.findings()) {
                                    assertFalse(
                                        v.length() > 3 && x.message().contains(v), x.message());
                                  }
                                })));
  }

  /**
   * The plan refuses the value: an error finding naming its kind, or (a value the observation
   * itself would have to carry) the node left unknown with that reason.
   */
  private static void assertRefused(Plan plan, ValueKind kind) {
    boolean finding =
        plan.findings().stream()
            .anyMatch(x -> x.kind() == Finding.Kind.ERROR && x.message().contains(kind.name()));
    boolean unknown = plan.unknownNodes().values().stream().anyMatch(r -> r.contains(kind.name()));
    assertTrue(
        finding || unknown,
        "not refused as a " + kind + ": " + plan.findings() + " " + plan.unknownNodes());
  }

  private static void assertNotInAnyCommand(Plan plan, String value) {
    if (value.isEmpty()) return;
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    for (Change c : plan.changes()) {
      for (Command cmd : c.commands()) {
        for (String a : cmd.argv()) assertFalse(a.contains(value), c.address() + ": " + cmd.argv());
        assertFalse(
            new String(cmd.stdin(), StandardCharsets.UTF_8).contains(value) && bytes.length > 0,
            c.address() + " writes it: " + new String(cmd.stdin(), StandardCharsets.UTF_8));
      }
    }
  }

  static LoadResult load(String text) {
    return ConfigLoader.loadFiles(List.of(new SourceFile("c.yaml", text)));
  }

  /** The model of {@code text} without schema or semantic checks (what a bypass would give). */
  static DesiredState unchecked(String text) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    ParsedFile f = YamlFileReader.read("c.yaml", text, diagnostics).orElseThrow();
    return ModelBuilder.build(DocumentMerger.merge(List.of(f), diagnostics), null);
  }

  /** Plans {@code desired} on a fresh simulated cluster made for the valid {@code base}. */
  private Plan plan(String base, DesiredState desired, String secret) throws Exception {
    LoadResult valid = load(base);
    assertTrue(valid.ok(), valid.diagnostics().toString());
    Path simDir = tmp.resolve("sim-" + System.nanoTime());
    SimCluster sim = SimCluster.init(simDir, valid.state(), 1L << 40);
    try (Engine engine =
        new Engine(ProviderRegistry.load(), (node, d) -> sim.host(node.name()), path -> secret)) {
      return engine.plan(desired, List.of(), List.of());
    }
  }

  private static String position(String text, String needle) {
    int at = text.indexOf(needle);
    int line = (int) text.substring(0, at).chars().filter(ch -> ch == '\n').count() + 1;
    return line + ":" + (at - text.lastIndexOf('\n', at - 1));
  }
}
