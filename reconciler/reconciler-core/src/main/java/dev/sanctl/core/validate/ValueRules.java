package dev.sanctl.core.validate;

import com.networknt.schema.path.NodePath;
import dev.sanctl.core.config.YamlPath;
import dev.sanctl.spi.values.ChapUser;
import dev.sanctl.spi.values.Comment;
import dev.sanctl.spi.values.CronCommand;
import dev.sanctl.spi.values.CronComment;
import dev.sanctl.spi.values.IetOptionKey;
import dev.sanctl.spi.values.IetOptionValue;
import dev.sanctl.spi.values.LocalPath;
import dev.sanctl.spi.values.LuAlias;
import dev.sanctl.spi.values.Serial;
import dev.sanctl.spi.values.StmfHaWord;
import dev.sanctl.spi.values.ValueKind;
import dev.sanctl.spi.values.ZfsPropertyValue;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Every value that reaches a node file or a parameter list is inside the allowed set of its kind
 * ({@code dev.sanctl.spi.values}, the same classes the renderers enforce): serials, IET option
 * names and values, comments, cron commands and comments, paths, CHAP users, ZFS property values,
 * COMSTAR aliases and stmf-ha.conf values. Each problem is one error at the value, naming the
 * offending character and the allowed set. The schema's patterns say the same where a regular
 * expression can; this rule also catches what they let through (a value ending in a line break,
 * which a pattern's {@code $} accepts) and what they cannot say (markers, escapes, byte lengths).
 */
final class ValueRules {
  /** The value kinds of the schema's {@code $defs} whose pattern says the same. */
  private static final Map<String, ValueKind> SCHEMA_DEFS =
      Map.of(
          "serial", Serial.KIND,
          "ietOptionValue", IetOptionValue.KIND,
          "comment", Comment.KIND,
          "cronCommand", CronCommand.KIND,
          "cronComment", CronComment.KIND,
          "absolutePath", dev.sanctl.spi.values.NodePath.KIND,
          "path", LocalPath.KIND,
          "zfsPropertyValue", ZfsPropertyValue.KIND,
          "luAlias", LuAlias.KIND);

  private final RuleContext c;

  ValueRules(RuleContext c) {
    this.c = c;
  }

  /**
   * The value kind of the schema definition at {@code location} ({@code /$defs/<name>}), or null: a
   * pattern violation there is reported with the kind's message (offending character, allowed set).
   */
  static ValueKind kindOfSchemaDef(NodePath location) {
    if (location == null || location.getNameCount() != 2) return null;
    if (!"$defs".equals(String.valueOf(location.getElement(0)))) return null;
    return SCHEMA_DEFS.get(String.valueOf(location.getElement(1)));
  }

  /** The schema definitions that have a value kind, by name. */
  static Map<String, ValueKind> schemaDefs() {
    return SCHEMA_DEFS;
  }

  void check() {
    targets();
    options(YamlPath.of("iet", "global"));
    options(YamlPath.of("targetDefaults", "options"));
    for (String node : RuleContext.names(c.root.path("cron"))) {
      JsonNode entries = c.root.path("cron").path(node);
      for (int i = 0; i < entries.size(); i++) {
        YamlPath p = YamlPath.of("cron", node, i);
        value(p.key("command"), CronCommand.KIND);
        value(p.key("comment"), CronComment.KIND);
      }
    }
    for (String vg : RuleContext.names(c.root.path("volumeGroups"))) {
      YamlPath p = YamlPath.of("volumeGroups", vg);
      value(p.key("path"), dev.sanctl.spi.values.NodePath.KIND);
      value(p.key("metaVolume").key("mountPoint"), dev.sanctl.spi.values.NodePath.KIND);
    }
    localPaths();
    for (String pool : RuleContext.names(c.root.path("pools"))) pool(YamlPath.of("pools", pool));
  }

  private void targets() {
    JsonNode targets = c.root.path("targets");
    for (int i = 0; i < targets.size(); i++) {
      YamlPath p = YamlPath.of("targets", i);
      value(p.key("serial"), Serial.KIND);
      value(p.key("comment"), Comment.KIND);
      for (int l = 0; l < c.at(p.key("luns")).size(); l++) {
        value(p.key("luns").index(l).key("serial"), Serial.KIND);
      }
      YamlPath chap = p.key("chap");
      for (int u = 0; u < c.at(chap.key("incoming")).size(); u++) {
        chapUser(chap.key("incoming").index(u));
      }
      if (c.at(chap.key("outgoing")).isObject()) chapUser(chap.key("outgoing"));
    }
  }

  private void chapUser(YamlPath p) {
    value(p.key("user"), ChapUser.KIND);
    value(p.key("secretFile"), LocalPath.KIND);
  }

  private void localPaths() {
    for (String key : new String[] {"identityFile", "knownHostsFile"}) {
      value(YamlPath.of("transport", key), LocalPath.KIND);
      for (String node : RuleContext.names(c.root.path("nodes"))) {
        value(YamlPath.of("nodes", node, key), LocalPath.KIND);
      }
    }
    value(YamlPath.of("alerts", "email", "smtp", "passwordFile"), LocalPath.KIND);
  }

  private void pool(YamlPath p) {
    for (String ds : RuleContext.names(c.at(p.key("datasets")))) {
      properties(p.key("datasets").key(ds).key("properties"));
    }
    for (String v : RuleContext.names(c.at(p.key("volumes")))) {
      properties(p.key("volumes").key(v).key("properties"));
    }
    properties(p.key("volumeDefaults").key("properties"));
    YamlPath comstar = p.key("comstar");
    for (int i = 0; i < c.at(comstar.key("logicalUnits")).size(); i++) {
      YamlPath lu = comstar.key("logicalUnits").index(i);
      value(lu.key("serial"), Serial.KIND);
      value(lu.key("alias"), LuAlias.KIND);
    }
    stmfHaWords(p.key("stmfHa"), c.at(p.key("stmfHa")));
  }

  /** Every string of the stmfHa section is written to stmf-ha.conf. */
  private void stmfHaWords(YamlPath p, JsonNode n) {
    if (n.isString()) {
      value(p, StmfHaWord.KIND);
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) stmfHaWords(p.index(i), n.get(i));
    } else if (n.isObject()) {
      for (String k : n.propertyNames()) stmfHaWords(p.key(k), n.get(k));
    }
  }

  private void properties(YamlPath p) {
    JsonNode props = c.at(p);
    for (String k : RuleContext.names(props)) value(p.key(k), ZfsPropertyValue.KIND);
  }

  /** IET options: names are ietd.conf keywords, values one word of a line and of --params. */
  private void options(YamlPath p) {
    for (String k : RuleContext.names(c.at(p))) {
      String problem = IetOptionKey.KIND.check(k);
      if (problem != null) c.error(c.keyOf(p.key(k)), problem, IetOptionKey.KIND.hint());
      value(p.key(k), IetOptionValue.KIND);
    }
  }

  /** The value at {@code p} as rendered (booleans as Yes/No), when it is written. */
  private void value(YamlPath p, ValueKind kind) {
    JsonNode n = c.at(p);
    if (!n.isValueNode() || n.isNull()) return;
    String text = n.isBoolean() ? (n.booleanValue() ? "Yes" : "No") : n.asString();
    String problem = kind.check(text);
    if (problem != null) c.error(c.valueOf(p), problem, kind.hint());
  }
}
