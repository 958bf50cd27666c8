package dev.sanctl.cli.estates;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The estates property (issue #15): random valid estates over every provider ({@link
 * EstateGenerator}, seeded), driven through {@code sanctl} and the simulator with random operation
 * sequences ({@link EstateScenario} checks the invariants after every step). {@code mvn verify}
 * runs a fixed seed and 12 estates; {@code mvn -Pestates} runs {@link #thousandsOfEstates} with a
 * random seed. A failing case is shrunk ({@link EstateShrinker}) and reported with its seed;
 * failures found are kept as named cases in {@link EstatesRegressionTest}.
 */
class EstatesPropertyTest {
  /** The CI budget: a fixed seed, a few estates, well under three minutes. */
  @Test
  void estatesConvergeAndStayConverged() throws Exception {
    runEstates(20261206L, 12, false);
  }

  /**
   * The long run ({@code mvn -Pestates}): {@code -Dsanctl.estates.count} estates (3000) from {@code
   * -Dsanctl.estates.seed} (the time when unset; printed), shrunk on failure.
   */
  @Test
  @Tag("estates")
  void thousandsOfEstates() throws Exception {
    int count = Integer.getInteger("sanctl.estates.count", 3000);
    String seedProperty = System.getProperty("sanctl.estates.seed");
    long seed = seedProperty == null ? System.currentTimeMillis() : Long.parseLong(seedProperty);
    System.out.println("estates: seed " + seed + ", " + count + " estates");
    runEstates(seed, count, true);
  }

  /**
   * Runs {@code count} estates; estate {@code i} is generated from seed {@code seed + i}, so that
   * it can be run alone with {@code -Dsanctl.estates.seed=<seed + i> -Dsanctl.estates.count=1}.
   */
  private static void runEstates(long seed, int count, boolean progress) throws IOException {
    for (int i = 0; i < count; i++) {
      EstateGenerator generator = new EstateGenerator(seed + i);
      Estate estate = generator.estate();
      List<EstateScenario.Op> ops = generator.operations();
      EstateShrinker.Case original = new EstateShrinker.Case(EstateShrinker.copy(estate), ops);
      Throwable failure = failure(estate, ops);
      if (failure != null) {
        EstateShrinker.Result shrunk =
            new EstateShrinker(EstatesPropertyTest::failure).shrink(original, failure);
        fail(report(seed, i, original, shrunk), shrunk.failure());
      }
      if (progress) progress();
    }
  }

  /**
   * Runs one case; the failure it raises, or null when it holds (validate rejecting an estate, with
   * {@code file:line:column} diagnostics, holds: some estates, such as an stmf-ha LU whose {@code
   * :NN} suffix asks for a LUN an earlier LU takes, are invalid by design).
   */
  static Throwable failure(Estate estate, List<EstateScenario.Op> ops) {
    try (EstateScenario s = new EstateScenario(estate)) {
      s.run(ops);
      return null;
    } catch (Throwable t) {
      return t;
    }
  }

  private static String report(
      long seed, int i, EstateShrinker.Case original, EstateShrinker.Result shrunk) {
    EstateShrinker.Case c = shrunk.smallest();
    return "estate "
        + i
        + " of seed "
        + seed
        + " fails (run it alone with -Dsanctl.estates.seed="
        + (seed + i)
        + " -Dsanctl.estates.count=1); shrunk in "
        + shrunk.runs()
        + " runs from "
        + original.ops().size()
        + " operations and "
        + original.estate().all().size()
        + " volumes to:\noperations: "
        + c.ops()
        + "\n"
        + c.estate()
        + "\nfailure: "
        + shrunk.failure();
  }

  /** One line per estate in target/estates-progress.log, to measure estates per minute. */
  private static void progress() throws IOException {
    Files.writeString(
        Path.of("target", "estates-progress.log"),
        Instant.now() + "\n",
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }
}
