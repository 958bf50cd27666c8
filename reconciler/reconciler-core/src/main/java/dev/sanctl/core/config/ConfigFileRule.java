package dev.sanctl.core.config;

import dev.sanctl.core.validate.Suggestions;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which YAML files of a config repository are sanctl configuration. A YAML file is configuration
 * when its top level has {@code apiVersion: sanctl/...} (another sanctl version is then reported by
 * the schema), or when it has no top-level {@code apiVersion} and at least one of its top-level
 * keys is a section of the format ({@code cluster}, {@code nodes}, {@code volumeGroups}, ...) or a
 * misspelling of one (so the schema names the typo). Every other YAML file (a CI workflow, a
 * Kubernetes manifest, a compose file) is not read. Top-level keys are the lines that start in
 * column 1 with {@code key:}, so the rule holds for files with YAML errors further down (the loader
 * reports those).
 */
public final class ConfigFileRule {
  /** The top-level sections of format v1 (the properties of the JSON Schema's root). */
  public static final Set<String> SECTIONS =
      Set.of(
          "cluster",
          "nodes",
          "transport",
          "policy",
          "alerts",
          "volumeGroups",
          "portalGroups",
          "initiatorGroups",
          "iet",
          "targetDefaults",
          "targets",
          "pools",
          "snapshotSchedules",
          "backups",
          "cron");

  private static final Pattern TOP_LEVEL_KEY =
      Pattern.compile("^([\"']?)([A-Za-z_][A-Za-z0-9_.-]*)\\1[ \\t]*:(?:[ \\t]+(.*))?$");

  private ConfigFileRule() {}

  /** Null when {@code text} is configuration, else why it is not (for {@code -v}). */
  public static String whyNotConfiguration(String text) {
    boolean section = false;
    for (int start = 0, end; start <= text.length(); start = end + 1) {
      end = text.indexOf('\n', start);
      if (end < 0) end = text.length();
      // only a line that starts as a key can be one: skip indented lines without a matcher
      if (start == end || !mayStartKey(text.charAt(start))) continue;
      String line =
          text.substring(
              start,
              end > start && text.charAt(end - 1) == '\r' && end < text.length() ? end - 1 : end);
      Matcher m = TOP_LEVEL_KEY.matcher(line);
      if (!m.matches()) continue;
      String key = m.group(2);
      if (key.equals("apiVersion")) {
        String value = scalar(m.group(3));
        return value.startsWith("sanctl/") ? null : "apiVersion '" + value + "' is not sanctl/v1";
      }
      section |= SECTIONS.contains(key) || Suggestions.closest(key, SECTIONS) != null;
    }
    return section ? null : "no apiVersion: sanctl/v1 and no sanctl section";
  }

  private static boolean mayStartKey(char c) {
    return c == '"' || c == '\'' || c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  private static String scalar(String raw) {
    if (raw == null) return "";
    String v = raw.strip();
    int hash = v.indexOf(" #");
    if (hash >= 0) v = v.substring(0, hash).strip();
    if (v.length() >= 2
        && (v.charAt(0) == '"' || v.charAt(0) == '\'')
        && v.charAt(v.length() - 1) == v.charAt(0)) {
      v = v.substring(1, v.length() - 1);
    }
    return v;
  }
}
