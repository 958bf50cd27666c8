package dev.sanctl.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sanctl.core.validate.Suggestions;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link ConfigFileRule} reads the lines of a file without splitting it and without a matcher for
 * lines that cannot start a key; it decides as the rule's first form did (split on {@code \r?\n},
 * every line matched), kept here as the reference.
 */
class ConfigFileRuleLinesTest {
  private static final Pattern TOP_LEVEL_KEY =
      Pattern.compile("^([\"']?)([A-Za-z_][A-Za-z0-9_.-]*)\\1[ \\t]*:(?:[ \\t]+(.*))?$");

  private static String reference(String text) {
    boolean section = false;
    for (String line : text.split("\r?\n", -1)) {
      Matcher m = TOP_LEVEL_KEY.matcher(line);
      if (!m.matches()) continue;
      String key = m.group(2);
      if (key.equals("apiVersion")) {
        String value = scalar(m.group(3));
        return value.startsWith("sanctl/") ? null : "apiVersion '" + value + "' is not sanctl/v1";
      }
      section |=
          ConfigFileRule.SECTIONS.contains(key)
              || Suggestions.closest(key, ConfigFileRule.SECTIONS) != null;
    }
    return section ? null : "no apiVersion: sanctl/v1 and no sanctl section";
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

  private static final List<String> PIECES =
      List.of(
          "\n",
          "\r\n",
          "\r",
          " ",
          "  ",
          "\t",
          "-",
          ":",
          ": ",
          "#",
          "'",
          "\"",
          "_",
          "apiVersion",
          "sanctl/v1",
          "v1",
          "cluster",
          "nodez",
          "kind",
          "x",
          "Pod",
          "\u2028",
          "\u0085",
          "{a: b}",
          "9");

  @Test
  void decidesAsSplittingOnLineBreaksAndMatchingEveryLine() {
    for (String text :
        List.of(
            "",
            "\n",
            "\r\n",
            "cluster:",
            "cluster:\r",
            "cluster:\r\n",
            "apiVersion: v1\r",
            "apiVersion: sanctl/v1\r\r\n",
            "x: 1\n  cluster: {}\n",
            "'cluster': 1\n",
            "apiVersion: v1\u2028\n")) {
      assertEquals(reference(text), ConfigFileRule.whyNotConfiguration(text), text);
    }
    Random random = new Random(18);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      sb.setLength(0);
      for (int n = random.nextInt(12); n > 0; n--)
        sb.append(PIECES.get(random.nextInt(PIECES.size())));
      String text = sb.toString();
      assertEquals(reference(text), ConfigFileRule.whyNotConfiguration(text), text);
    }
  }
}
