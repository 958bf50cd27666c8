package dev.sanctl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.sim.Getopt.Arg;
import java.util.List;
import org.junit.jupiter.api.Test;

/** glibc getopt_long behaviour of the simulated tools' one option parser. */
class GetoptTest {
  private static final Getopt LVCREATE =
      Getopt.options()
          .option('L', "size", Arg.REQUIRED)
          .option('n', "name", Arg.REQUIRED)
          .option('f', "force", Arg.NONE)
          .option('y', "yes", Arg.NONE)
          .longOption("metadata-snap", Arg.OPTIONAL)
          .longOption("nosuffix", Arg.NONE);

  @Test
  void shortOptionsBundleAndTakeTheRestOfTheWordOrTheNextWord() throws Exception {
    Getopt.Parsed p = LVCREATE.parse(List.of("-fyL8M", "-n", "vol1", "vg0"));
    assertTrue(p.has("force"));
    assertTrue(p.has("yes"));
    assertEquals("8M", p.value("size"));
    assertEquals("vol1", p.value("name"));
    assertEquals(List.of("vg0"), p.operands());
    assertEquals("-fyL8M", p.options().get(2).word());
  }

  @Test
  void longOptionsTakeTheirArgumentAfterEqualsOrAsTheNextWordAndRepeat() throws Exception {
    Getopt.Parsed p =
        LVCREATE.parse(List.of("vg0", "--size=1G", "--name", "a", "--size", "2G", "--nosuffix"));
    assertEquals(List.of("1G", "2G"), p.values("size"));
    assertEquals("2G", p.value("size"), "the last occurrence wins");
    assertEquals(List.of(""), p.values("nosuffix"));
    assertEquals(List.of("vg0"), p.operands(), "GNU permutation: operands among options");
  }

  @Test
  void aLongOptionMayBeAbbreviatedToAUniquePrefix() throws Exception {
    assertEquals("1G", LVCREATE.parse(List.of("--si=1G")).value("size"));
    assertTrue(LVCREATE.parse(List.of("--nosuf")).has("nosuffix"));
    Getopt g =
        Getopt.options().longOption("param", Arg.REQUIRED).longOption("params", Arg.REQUIRED);
    assertTrue(g.parse(List.of("--param", "x")).has("param"), "an exact name wins");
    assertEquals(
        "option '--n' is ambiguous; possibilities: '--name' '--nosuffix'",
        assertThrows(Getopt.Error.class, () -> LVCREATE.parse(List.of("--n", "x"))).getMessage());
  }

  @Test
  void anOptionalArgumentIsOnlyTakenAfterEquals() throws Exception {
    Getopt.Parsed p = LVCREATE.parse(List.of("--metadata-snap", "dev"));
    assertEquals(null, p.value("metadata-snap"));
    assertEquals(List.of("dev"), p.operands());
    assertEquals("7", LVCREATE.parse(List.of("--metadata-snap=7")).value("metadata-snap"));
  }

  @Test
  void doubleDashEndsOptionsAndALoneDashIsAnOperand() throws Exception {
    Getopt.Parsed p = LVCREATE.parse(List.of("-", "--", "-f", "--size"));
    assertFalse(p.has("force"));
    assertEquals(List.of("-", "-f", "--size"), p.operands());
  }

  @Test
  void inOrderStopsAtTheFirstOperand() throws Exception {
    Getopt zfsList = Getopt.options().shortOption('H', Arg.NONE).shortOption('o', Arg.REQUIRED);
    Getopt.Parsed p = zfsList.inOrder().parse(List.of("-H", "tank", "-o", "name"));
    assertEquals(List.of("tank", "-o", "name"), p.operands());
  }

  @Test
  void refusalsNameWhatGlibcNames() {
    assertEquals(
        "unrecognized option '--sise=1G'",
        assertThrows(Getopt.Error.class, () -> LVCREATE.parse(List.of("--sise=1G"))).getMessage());
    Getopt.Error invalid = assertThrows(Getopt.Error.class, () -> LVCREATE.parse(List.of("-fx")));
    assertEquals("invalid option -- 'x'", invalid.getMessage());
    assertEquals(Getopt.Error.Kind.INVALID, invalid.kind());
    assertEquals("-fx", invalid.word());
    assertEquals("x", invalid.option());
    assertEquals(
        "option '--size' requires an argument",
        assertThrows(Getopt.Error.class, () -> LVCREATE.parse(List.of("--size"))).getMessage());
    assertEquals(
        "option requires an argument -- 'L'",
        assertThrows(Getopt.Error.class, () -> LVCREATE.parse(List.of("-fL"))).getMessage());
    assertEquals(
        "option '--force' doesn't allow an argument",
        assertThrows(Getopt.Error.class, () -> LVCREATE.parse(List.of("--force=yes")))
            .getMessage());
  }
}
