package dev.sanctl.cli.estates;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates estates and operation sequences for {@link EstatesPropertyTest} from a seed: the same
 * seed gives the same estate and operations. Names, sizes and serials sit at the edges of what the
 * schema and the value syntaxes allow (docs/configuration.md "Values and where they are written"),
 * so every generated estate is one {@code sanctl validate} should accept.
 */
final class EstateGenerator {
  /**
   * Serial templates; {@code #} becomes the list's prefix and index (two characters), so serials
   * are unique. The shortest (2), a 16-character one with every allowed punctuation ({@code . _ :
   * -}) and a long run of digits.
   */
  static final List<String> SERIALS =
      List.of("S#", "#", "#.b_C:d-9.x_y:z", "#" + "9".repeat(12), "#:-");

  private final SplittableRandom random;

  EstateGenerator(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** The next estate. */
  Estate estate() {
    List<Estate.Vol> ha = volumes("lv_ha", 0, 4, "H");
    List<Estate.Vol> single = volumes("lv_one", 0, 3, "S");
    List<Estate.Vol> files = volumes("lun_f", 0, 2, "F");
    List<Estate.Vol> tgt = random.nextBoolean() ? List.of() : volumes("lv_t", 1, 2, "T");
    List<Estate.Zvol> haZvols = zvols("vol", 0, 3);
    List<Estate.Zvol> directZvols = zvols("d", 0, 2);
    boolean targetDefaults = random.nextBoolean();
    boolean backups = random.nextBoolean();
    boolean cron = random.nextBoolean();
    String edge = pick("", "_x", ".y", "-1", "+p");
    return new Estate(
        ha, single, files, tgt, haZvols, directZvols, targetDefaults, backups, cron, edge);
  }

  /** The next operation sequence: 0 to 5 operations of any kind, with an index 0 to 20. */
  List<EstateScenario.Op> operations() {
    EstateScenario.Kind[] kinds = EstateScenario.Kind.values();
    int n = random.nextInt(6);
    List<EstateScenario.Op> ops = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      ops.add(new EstateScenario.Op(kinds[random.nextInt(kinds.length)], random.nextInt(21)));
    }
    return ops;
  }

  private List<Estate.Vol> volumes(String stem, int min, int max, String prefix) {
    int n = min + random.nextInt(max - min + 1);
    List<Estate.Vol> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int r = random.nextInt(9);
      String name =
          r < 6
              ? stem
              : r == 6
                  ? stem.toUpperCase() + ".v"
                  : r == 7 ? "0" + stem : stem + "_" + "x".repeat(40);
      int size = pick(1, 3, 4, 8, 17, 64);
      Estate.Target target = random.nextInt(4) < 3 ? target(prefix + i) : null;
      out.add(new Estate.Vol(name + "_" + i, size, target));
    }
    return out;
  }

  private Estate.Target target(String unique) {
    return new Estate.Target(
        random.nextInt(4),
        pick(false, false, true),
        pick(false, false, false, true),
        pick(null, null, "blockio", "fileio"),
        pick(false, false, true),
        pick(SERIALS.toArray(new String[0])).replace("#", unique));
  }

  private List<Estate.Zvol> zvols(String stem, int min, int max) {
    int n = min + random.nextInt(max - min + 1);
    List<Estate.Zvol> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String name = pick(stem, stem + "_lun:0", stem + ".a-b");
      out.add(new Estate.Zvol(name + i, pick(8, 64), random.nextBoolean(), random.nextBoolean()));
    }
    return out;
  }

  @SafeVarargs
  private <T> T pick(T... choices) {
    return choices[random.nextInt(choices.length)];
  }
}
