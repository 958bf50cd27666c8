package dev.sanctl.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.config.ConfigLoader;
import dev.sanctl.core.config.LoadResult;
import dev.sanctl.core.config.SourceFile;
import dev.sanctl.spi.diag.Diagnostic;
import dev.sanctl.spi.diag.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The injections of issue #14 are refused by {@code validate}: one error at the value's {@code
 * file:line:column}, naming the offending character and the allowed set.
 */
class ValueRulesTest {
  static final String BASE =
      """
      cluster: {name: c, iqnPrefix: iqn.2024-01.org.example}
      nodes:
        n1: {address: 192.0.2.1, services: [lvm, iet, cron]}
      volumeGroups:
        vg: {nodes: [n1], volumes: {lv: {size: 1G}}}
        files: {type: files, path: @PATH@, nodes: [n1], volumes: {f: {size: 1G}}}
      portalGroups:
        pg: {portals: {n1: [10.0.0.1]}}
      iet:
        global: {iSNSAccessControl: @GLOBAL@}
      targetDefaults:
        options: {@KEY@: @OPTION@}
      targets:
        - {volume: vg/lv, serial: @SERIAL@, portalGroup: pg, comment: @COMMENT@}
      cron:
        n1:
          - {schedule: "0 1 * * *", command: @COMMAND@, comment: @CRONCOMMENT@}
      pools:
        tank:
          nodes: [n1]
          volumes: {tank/v: {size: 1G, properties: {"org.example:note": @ZFS@}}}
          comstar:
            logicalUnits: [{zvol: tank/v, guid: 600144f0000000000000000000000001, alias: @ALIAS@}]
      """;

  /** The base with one placeholder set to {@code yaml} and every other to a harmless value. */
  static String config(String placeholder, String yaml) {
    return withDefaults(BASE.replace(placeholder, "@HERE@")).replace("@HERE@", yaml);
  }

  private static String withDefaults(String base) {
    String s = base;
    String[][] defaults = {
      {"@PATH@", "/srv/files"},
      {"@GLOBAL@", "\"No\""},
      {"@KEY@", "InitialR2T"},
      {"@OPTION@", "\"No\""},
      {"@SERIAL@", "S1"},
      {"@COMMENT@", "web01 data"},
      {"@COMMAND@", "\"true\""},
      {"@CRONCOMMENT@", "nightly"},
      {"@ZFS@", "note"},
      {"@ALIAS@", "db"}
    };
    for (String[] d : defaults) s = s.replace(d[0], d[1]);
    return s;
  }

  static List<Diagnostic> errors(String yaml) {
    LoadResult r = ConfigLoader.loadFiles(List.of(new SourceFile("c.yaml", yaml)));
    return r.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).toList();
  }

  /** Where the value of {@code placeholder} starts: its {@code line:column}. */
  static String position(String placeholder) {
    String text = config(placeholder, "@HERE@");
    int at = text.indexOf("@HERE@");
    int line = (int) text.substring(0, at).chars().filter(ch -> ch == '\n').count() + 1;
    int column = at - text.lastIndexOf('\n', at - 1);
    return "c.yaml:" + line + ":" + column;
  }

  @Test
  void theBaseIsValid() {
    assertEquals(List.of(), errors(config("@NONE@", "")));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // issue #14: an IET target serving another volume, a tgt LUN made read-only, a shell
        "@SERIAL@      | '\"S,Path=/dev/v/db\"'        | ','",
        "@SERIAL@      | '\"S,readonly=1\"'            | ','",
        "@SERIAL@      | '\"$(id>/tmp/p)\"'            | '$'",
        "@SERIAL@      | '\"FIX-0001\\n\"'             | U+000A",
        "@SERIAL@      | '\"FIX-0001\\u2028\"'         | U+2028",
        // issue #14: a line break in iet.global injects stanzas; a comma adds parameters
        "@GLOBAL@      | '\"No\\nTarget iqn.2001-04.com.evil:t\"' | U+000A",
        "@GLOBAL@      | '\"No\\u0085Target x\"'       | U+0085",
        "@OPTION@      | '\"No,Wthreads=1\"'           | ','",
        "@OPTION@      | '\"No Wthreads\"'             | U+0020",
        "@KEY@         | Target                        | stanza keyword",
        "@KEY@         | Lun                           | stanza keyword",
        // issue #14: a comment equal to the END marker; % is a newline to cron
        "@CRONCOMMENT@ | '\"END sanctl c\"'            | block marker",
        "@CRONCOMMENT@ | '\"BEGIN sanctl other -- managed by sanctl, do not edit\"' | block marker",
        "@CRONCOMMENT@ | '\"a\\u2029b\"'               | U+2029",
        "@COMMAND@     | '\"date +%F\"'                | unescaped '%'",
        "@COMMAND@     | '\"a\\rb\"'                   | U+000D",
        "@COMMENT@     | '\"a\\tb\"'                   | U+0009",
        "@COMMENT@     | '\"a\\u2028Target iqn.x\"'    | U+2028",
        "@PATH@        | '\"/srv/a,b\"'                | ','",
        "@PATH@        | '\"/srv/a b\"'                | U+0020",
        "@PATH@        | '\"/srv/$(id)\"'              | '$'",
        "@ZFS@         | '\"a\\tb\"'                   | U+0009",
        "@ZFS@         | '\"a\\nb\"'                   | U+000A",
        "@ALIAS@       | '\"a\\u0000b\"'               | U+0000",
      })
  void anInjectionIsOneErrorAtTheValueWithTheAllowedSet(
      String placeholder, String yaml, String offending) {
    List<Diagnostic> errors = errors(config(placeholder, yaml));
    assertEquals(1, errors.size(), errors.toString());
    Diagnostic d = errors.get(0);
    assertEquals(position(placeholder), d.source().toString(), d.toString());
    assertTrue(d.message().contains(offending), d.message());
    assertTrue(d.message().matches(".*; an? [^;]+ is .*"), d.message());
    assertTrue(d.hint() != null && !d.hint().isBlank(), d.toString());
  }

  @Test
  void anEscapedPercentAndShellSyntaxAreACronCommand() {
    assertEquals(
        List.of(), errors(config("@COMMAND@", "'date +\\%F > /tmp/x 2>&1; echo \"$HOME\" | cat'")));
  }
}
