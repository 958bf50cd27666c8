package dev.sanctl.cli.sim;

import dev.sanctl.sim.SimCluster;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sanctl sim fault --sim DIR NODE --fail ARGV0 [--times N] | --unreachable | --slow SECONDS
 * | --clear}.
 */
@Command(name = "fault", description = "Inject a fault into a simulated node, or clear its faults.")
public class SimFaultCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SimDirOption simDir;

  @Parameters(paramLabel = "[DIR] NODE", description = "Node name.")
  List<String> words;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Fault fault;

  /** Exactly one fault. */
  static class Fault {
    @ArgGroup(exclusive = false)
    Fail fail;

    @Option(names = "--unreachable", description = "The node cannot be reached.")
    boolean unreachable;

    @Option(
        names = "--slow",
        paramLabel = "SECONDS",
        description = "Every command takes this long (commands with shorter timeouts time out).")
    BigDecimal slow;

    @Option(names = "--clear", description = "Remove every fault of the node.")
    boolean clear;
  }

  /** An executable that fails. */
  static class Fail {
    @Option(
        names = "--fail",
        required = true,
        paramLabel = "ARGV0",
        description = "This executable exits 1 with an I/O error.")
    String executable;

    @Option(
        names = "--times",
        paramLabel = "N",
        description = "Fail N times, then work (default: until --clear).")
    Integer times;
  }

  @Override
  public Integer call() throws IOException {
    SimDirOption.Words w = simDir.split(spec, words, "NODE");
    SimDirOption.noMoreThan(spec, w, 1);
    String node = w.get(0);
    SimCluster c = SimCluster.open(w.dir());
    if (fault.fail != null) {
      int times = fault.fail.times == null ? -1 : fault.fail.times;
      if (fault.fail.times != null && times < 1) {
        throw new IllegalArgumentException("--times must be at least 1");
      }
      c.failExecutable(node, fault.fail.executable, times);
    } else if (fault.unreachable) {
      c.setUnreachable(node);
    } else if (fault.slow != null) {
      c.setSlow(node, Duration.ofMillis(millis(fault.slow)));
    } else {
      c.clearFaults(node);
    }
    return 0;
  }

  private static long millis(BigDecimal seconds) {
    try {
      long ms = seconds.movePointRight(3).longValueExact();
      if (ms >= 0) return ms;
    } catch (ArithmeticException e) {
      // too precise or too large: the message below
    }
    throw new IllegalArgumentException(
        "--slow " + seconds.toPlainString() + ": give seconds, at most 3 decimals (e.g. 1.5)");
  }
}
