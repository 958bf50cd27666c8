package dev.sanctl.core.plan;

import dev.sanctl.spi.diag.Diagnostic;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.json.Json;
import dev.sanctl.spi.model.SourceRef;
import dev.sanctl.spi.provider.Action;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.FieldChange;
import dev.sanctl.spi.provider.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The canonical, versioned JSON form of a plan ({@value #FORMAT_VERSION}). Secrets never reach it:
 * sensitive field values are replaced by {@link Command#REDACTED} and commands are written with
 * their display argv (secrets masked) and the size of their standard input only.
 */
public final class PlanJson {
  public static final String FORMAT_VERSION = "1";
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private PlanJson() {}

  /** The plan as a JSON document. */
  public static String write(Plan plan) {
    return Json.write(tree(plan));
  }

  /**
   * The plan as plain data (maps and lists), keys sorted when written. {@code nodes[]} lists the
   * unknown nodes first, then the observed ones, each in scope order.
   */
  public static Map<String, Object> tree(Plan plan) {
    Map<String, Object> root = new TreeMap<>();
    root.put("formatVersion", FORMAT_VERSION);
    Map<String, Object> source = new TreeMap<>();
    source.put("revision", plan.sourceRevision());
    source.put("desiredDigest", plan.desiredDigest());
    root.put("source", source);
    List<Object> nodes = new ArrayList<>();
    List<String> unknownFirst = new ArrayList<>();
    plan.nodes().stream().filter(plan.unknownNodes()::containsKey).forEach(unknownFirst::add);
    plan.nodes().stream()
        .filter(n -> !plan.unknownNodes().containsKey(n))
        .forEach(unknownFirst::add);
    for (String n : unknownFirst) {
      Map<String, Object> m = new TreeMap<>();
      m.put("name", n);
      String reason = plan.unknownNodes().get(n);
      m.put("status", reason == null ? "observed" : "unknown");
      if (reason != null) m.put("reason", reason);
      m.put("observedDigest", plan.nodeDigests().get(n));
      nodes.add(m);
    }
    root.put("nodes", nodes);
    root.put("changes", plan.changes().stream().map(PlanJson::change).toList());
    root.put("findings", plan.findings().stream().map(PlanJson::finding).toList());
    root.put("diagnostics", plan.diagnostics().stream().map(PlanJson::diagnostic).toList());
    Plan.Summary s = plan.summary();
    Map<String, Object> summary = new TreeMap<>();
    summary.put("add", s.add());
    summary.put("change", s.change());
    summary.put("destroy", s.destroy());
    summary.put("unknownNodes", plan.unknownNodes().size());
    summary.put(
        "unmanaged",
        plan.findings().stream().filter(f -> f.kind() == Finding.Kind.UNMANAGED).count());
    root.put("summary", summary);
    root.put("applyable", plan.applyable());
    root.put("complete", plan.complete());
    root.put("errored", plan.errored());
    return root;
  }

  /** Terraform's action arrays: a replacement is {@code ["delete","create"]}. */
  public static List<String> actions(Action a) {
    return switch (a) {
      case CREATE -> List.of("create");
      case UPDATE -> List.of("update");
      case DELETE -> List.of("delete");
      case REPLACE -> List.of("delete", "create");
    };
  }

  private static Map<String, Object> change(Change c) {
    Map<String, Object> m = new TreeMap<>();
    m.put("address", c.address());
    m.put("node", c.node());
    m.put("provider", c.provider());
    m.put("kind", c.kind());
    m.put("name", c.name());
    m.put("actions", actions(c.action()));
    m.put("impact", c.impact().name().toLowerCase(java.util.Locale.ROOT));
    m.put("reason", c.reason());
    m.put("fields", c.fields().stream().map(PlanJson::field).toList());
    m.put("commands", c.commands().stream().map(PlanJson::command).toList());
    m.put("affectedInitiators", c.affectedInitiators());
    m.put("dependsOn", c.dependsOnAddresses());
    m.put("requiresApproval", c.requiresApproval());
    m.put("fingerprint", ChangeFingerprint.of(c));
    return m;
  }

  private static Map<String, Object> field(FieldChange f) {
    Map<String, Object> m = new TreeMap<>();
    m.put("path", f.path());
    m.put("before", f.sensitive() && f.before() != null ? Command.REDACTED : f.before());
    m.put("after", f.sensitive() && f.after() != null ? Command.REDACTED : f.after());
    m.put("sensitive", f.sensitive());
    return m;
  }

  private static Map<String, Object> command(Command c) {
    Map<String, Object> m = new TreeMap<>();
    m.put("argv", c.displayArgv());
    m.put("mutating", c.mutating());
    m.put("stdinBytes", c.stdin().length);
    return m;
  }

  private static Map<String, Object> finding(Finding f) {
    Map<String, Object> m = new TreeMap<>();
    m.put("kind", f.kind().name().toLowerCase(java.util.Locale.ROOT));
    m.put("node", f.node());
    m.put("address", f.address());
    m.put("message", f.message());
    m.put("hint", f.hint());
    m.put("source", source(f.source()));
    return m;
  }

  private static Map<String, Object> diagnostic(Diagnostic d) {
    Map<String, Object> m = new TreeMap<>();
    m.put("severity", d.severity().name().toLowerCase(java.util.Locale.ROOT));
    m.put("message", d.message());
    m.put("hint", d.hint());
    m.put("source", source(d.source()));
    return m;
  }

  private static Object source(SourceRef s) {
    if (s == null || s.equals(SourceRef.NONE)) return null;
    Map<String, Object> m = new TreeMap<>();
    m.put("file", s.file());
    m.put("line", s.line());
    m.put("column", s.column());
    return m;
  }

  /**
   * What {@code apply --plan} needs from a saved plan: the digests and the changes' identities.
   *
   * @param changes address to action array, in plan order
   * @param fingerprints address to {@link ChangeFingerprint} of each change that has one (plans
   *     saved by older versions have none)
   */
  public record Saved(
      String formatVersion,
      String revision,
      String desiredDigest,
      List<String> nodes,
      Map<String, String> nodeDigests,
      Map<String, String> unknownNodes,
      Map<String, List<String>> changes,
      Map<String, String> fingerprints) {}

  /** Reads a saved plan; fails with a clear message on a foreign or unsupported document. */
  public static Saved read(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a sanctl plan (invalid JSON): " + e.getMessage());
    }
    if (root == null || !root.isObject() || !root.has("formatVersion")) {
      throw new IllegalArgumentException("not a sanctl plan: no formatVersion");
    }
    String version = root.get("formatVersion").asString();
    if (!FORMAT_VERSION.equals(version)) {
      throw new IllegalArgumentException(
          "unsupported plan formatVersion "
              + version
              + " (this sanctl reads "
              + FORMAT_VERSION
              + ")");
    }
    JsonNode source = root.path("source");
    List<String> nodes = new ArrayList<>();
    Map<String, String> digests = new TreeMap<>();
    Map<String, String> unknown = new TreeMap<>();
    for (JsonNode n : root.path("nodes")) {
      String name = n.path("name").asString();
      nodes.add(name);
      if ("unknown".equals(n.path("status").asString())) {
        unknown.put(name, n.path("reason").asString());
      } else {
        digests.put(name, text(n.get("observedDigest")));
      }
    }
    Map<String, List<String>> changes = new LinkedHashMap<>();
    Map<String, String> fingerprints = new LinkedHashMap<>();
    for (JsonNode c : root.path("changes")) {
      List<String> actions = new ArrayList<>();
      c.path("actions").forEach(a -> actions.add(a.asString()));
      String address = c.path("address").asString();
      changes.put(address, List.copyOf(actions));
      String fingerprint = text(c.get("fingerprint"));
      if (fingerprint != null) fingerprints.put(address, fingerprint);
    }
    return new Saved(
        version,
        text(source.get("revision")),
        text(source.get("desiredDigest")),
        nodes,
        digests,
        unknown,
        changes,
        fingerprints);
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.asString();
  }
}
