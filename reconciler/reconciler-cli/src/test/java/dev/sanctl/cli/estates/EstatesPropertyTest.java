package dev.sanctl.cli.estates;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tag;

/**
 * The estates property (issue #15): random valid estates over every provider, driven through {@code
 * sanctl} and the simulator with random operation sequences ({@link EstateScenario} checks the
 * invariants after every step). {@code mvn verify} runs a fixed seed and budget; {@code mvn
 * -Pestates} runs {@link #thousandsOfEstates} with random seeds. Failures found are kept as named
 * cases in {@link EstatesRegressionTest}.
 */
class EstatesPropertyTest {
  /** The CI budget: a fixed seed, a few estates, well under three minutes. */
  @Property(tries = 12, seed = "20261206", shrinking = ShrinkingMode.OFF)
  void estatesConvergeAndStayConverged(
      @ForAll("estates") Estate estate, @ForAll("operations") List<EstateScenario.Op> ops)
      throws Exception {
    try (EstateScenario s = new EstateScenario(estate)) {
      s.run(ops);
    }
  }

  /** The long run ({@code mvn -Pestates}): random seeds, shrunk on failure. */
  @Property(tries = 3000, shrinking = ShrinkingMode.BOUNDED)
  @Tag("estates")
  void thousandsOfEstates(
      @ForAll("estates") Estate estate, @ForAll("operations") List<EstateScenario.Op> ops)
      throws Exception {
    try (EstateScenario s = new EstateScenario(estate)) {
      s.run(ops);
    }
    progress();
  }

  /** One line per estate in target/estates-progress.log, to measure estates per minute. */
  private static void progress() throws java.io.IOException {
    java.nio.file.Files.writeString(
        java.nio.file.Path.of("target", "estates-progress.log"),
        java.time.Instant.now() + "\n",
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
  }

  @Provide
  Arbitrary<Estate> estates() {
    Arbitrary<List<Estate.Vol>> ha = volumes("lv_ha", 0, 4);
    Arbitrary<List<Estate.Vol>> single = volumes("lv_one", 0, 3);
    Arbitrary<List<Estate.Vol>> files = volumes("lun_f", 0, 2);
    Arbitrary<List<Estate.Vol>> tgt =
        Arbitraries.oneOf(Arbitraries.just(List.of()), volumes("lv_t", 1, 2));
    Arbitrary<List<Estate.Zvol>> haZvols = zvols("vol", 0, 3);
    Arbitrary<List<Estate.Zvol>> directZvols = zvols("d", 0, 2);
    Arbitrary<Boolean> flag = Arbitraries.of(true, false);
    Arbitrary<String> edge = Arbitraries.of("", "_x", ".y", "-1", "+p");
    return Combinators.combine(
            ha,
            single,
            files,
            tgt,
            haZvols,
            directZvols,
            Combinators.combine(flag, flag, flag).as(List::of),
            edge)
        .as(
            (h, s, f, t, hz, dz, flags, e) ->
                new Estate(
                    serials(h, "H"),
                    serials(s, "S"),
                    serials(f, "F"),
                    serials(t, "T"),
                    hz,
                    dz,
                    flags.get(0),
                    flags.get(1),
                    flags.get(2),
                    e));
  }

  /** Unique serials per list (the generator's volumes carry a placeholder). */
  private static List<Estate.Vol> serials(List<Estate.Vol> vols, String prefix) {
    java.util.List<Estate.Vol> out = new java.util.ArrayList<>();
    for (int i = 0; i < vols.size(); i++) {
      Estate.Vol v = vols.get(i);
      Estate.Target t = v.target();
      if (t != null) {
        t =
            new Estate.Target(
                t.initiators(),
                t.chap(),
                t.offline(),
                t.io(),
                t.options(),
                t.serial().replace("#", prefix + i));
      }
      out.add(new Estate.Vol(v.name() + "_" + i, v.sizeMib(), t));
    }
    return out;
  }

  private static Arbitrary<List<Estate.Vol>> volumes(String stem, int min, int max) {
    Arbitrary<String> name =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, Arbitraries.just(stem)),
            net.jqwik.api.Tuple.of(1, Arbitraries.just(stem.toUpperCase() + ".v")),
            net.jqwik.api.Tuple.of(1, Arbitraries.just("0" + stem)),
            net.jqwik.api.Tuple.of(1, Arbitraries.just(stem + "_" + "x".repeat(40))));
    Arbitrary<Integer> size = Arbitraries.of(1, 3, 4, 8, 17, 64);
    Arbitrary<Estate.Target> target =
        Combinators.combine(
                Arbitraries.integers().between(0, 3),
                Arbitraries.of(false, false, true),
                Arbitraries.of(false, false, false, true),
                Arbitraries.of(null, null, "blockio", "fileio"),
                Arbitraries.of(false, false, true),
                Arbitraries.of("S#", "A-B_C.D:#", "~!#", "#" + "9".repeat(12)))
            .as(Estate.Target::new);
    Arbitrary<Estate.Target> maybeTarget =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, target), net.jqwik.api.Tuple.of(1, Arbitraries.just(null)));
    return Combinators.combine(name, size, maybeTarget)
        .as(Estate.Vol::new)
        .list()
        .ofMinSize(min)
        .ofMaxSize(max);
  }

  private static Arbitrary<List<Estate.Zvol>> zvols(String stem, int min, int max) {
    Arbitrary<String> name = Arbitraries.of(stem, stem + "_lun:0", stem + ".a-b");
    return Combinators.combine(
            name, Arbitraries.of(8, 64), Arbitraries.of(true, false), Arbitraries.of(true, false))
        .as(Estate.Zvol::new)
        .list()
        .ofMinSize(min)
        .ofMaxSize(max)
        .map(EstatesPropertyTest::uniqueZvols);
  }

  private static List<Estate.Zvol> uniqueZvols(List<Estate.Zvol> zs) {
    java.util.List<Estate.Zvol> out = new java.util.ArrayList<>();
    for (int i = 0; i < zs.size(); i++) {
      Estate.Zvol z = zs.get(i);
      out.add(new Estate.Zvol(z.name() + i, z.sizeMib(), z.sparse(), z.scheduled()));
    }
    return out;
  }

  @Provide
  Arbitrary<List<EstateScenario.Op>> operations() {
    return Combinators.combine(
            Arbitraries.of(EstateScenario.Kind.class), Arbitraries.integers().between(0, 20))
        .as(EstateScenario.Op::new)
        .list()
        .ofMinSize(0)
        .ofMaxSize(5);
  }
}
