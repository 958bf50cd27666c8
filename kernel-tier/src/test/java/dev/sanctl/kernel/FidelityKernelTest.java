package dev.sanctl.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.sim.fidelity.FidelityCapture;
import dev.sanctl.sim.fidelity.FidelityComparison;
import dev.sanctl.sim.fidelity.FidelityCorpus;
import dev.sanctl.sim.fidelity.SimFidelityRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Simulator fidelity, measured (#16): the corpus {@code fixtures/lvm/2.03.16/fidelity/corpus.txt}
 * runs on the real lvm2, dmsetup and thin_delta in a guest (setup: {@code pvcreate} and {@code
 * vgcreate vg0} on a 4 GiB disk) and on the simulator; exit status, stdout and stderr must agree
 * after the documented normalisations, every other difference being an accepted gap
 * (docs/simulator-fidelity.md). The real results are written to {@code
 * target/kernel-tier/fidelity/real.txt}; with {@code -Dsanctl.fidelity.record=true} they replace
 * the recorded {@code real.txt} that {@code SimFidelityTest} checks on every build.
 */
@Tag("fidelity")
@ExtendWith(GuestLogsExtension.class)
class FidelityKernelTest {
  static final Path FIXTURES = Path.of("../fixtures/lvm/2.03.16/fidelity").toAbsolutePath();
  static final Path WORK = Path.of("target", "kernel-tier", "fidelity").toAbsolutePath();
  static Guest guest;

  @BeforeAll
  static void boot() throws Exception {
    DebianKernel.deleteTree(WORK);
    guest =
        Guest.boot(
            GuestSpec.builder("fidelity")
                .disk(GuestDisk.of(WORK.resolve("d0.img"), 4L << 30))
                .build(),
            WORK.resolve("guest"));
  }

  @AfterAll
  static void close() {
    if (guest != null) guest.close();
  }

  @Test
  void theSimulatorAnswersEveryCommandOfTheCorpusAsTheRealToolsDo() throws Exception {
    List<FidelityCorpus.Command> corpus = FidelityCorpus.read(FIXTURES.resolve("corpus.txt"));
    List<FidelityCapture.Result> real = new ArrayList<>();
    for (FidelityCorpus.Command c : corpus) {
      GuestResult r =
          guest.exec(
              Stream.concat(
                      Stream.of("env", "LVM_SUPPRESS_FD_WARNINGS=1", "LC_ALL=C"), c.argv().stream())
                  .toArray(String[]::new));
      if (c.kind() != FidelityCorpus.Kind.COMPARED) {
        assertEquals(0, r.status(), () -> "setup " + c.line() + ": " + r);
        continue;
      }
      real.add(
          new FidelityCapture.Result(c.number(), c.line(), r.status(), r.stdout(), r.stderr()));
    }
    String capture = FidelityCapture.render(real);
    Files.writeString(WORK.resolve("real.txt"), capture, StandardCharsets.UTF_8);
    if (Boolean.getBoolean("sanctl.fidelity.record")) {
      Files.writeString(FIXTURES.resolve("real.txt"), capture, StandardCharsets.UTF_8);
    }

    List<FidelityCapture.Result> sim = SimFidelityRun.run(WORK.resolve("sim"), corpus);
    FidelityComparison.Outcome outcome = FidelityComparison.compare(real, sim);
    Files.writeString(
        WORK.resolve("summary.txt"),
        outcome.summary()
            + "\n\n"
            + outcome.differences().stream()
                .map(FidelityComparison.Difference::describe)
                .collect(Collectors.joining("\n")),
        StandardCharsets.UTF_8);
    System.out.println("simulator fidelity (real kernel): " + outcome.summary());
    assertTrue(outcome.compared() >= 150, outcome.summary());
    assertTrue(outcome.failing() >= 40, outcome.summary());
    assertEquals(
        "",
        outcome.unexplained().stream()
            .map(FidelityComparison.Difference::describe)
            .collect(Collectors.joining("\n")),
        outcome.summary());
  }
}
