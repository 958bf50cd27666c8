package dev.sanctl.cli.sim;

import dev.sanctl.sim.SimCluster;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sanctl sim fault DIR NODE --fail ARGV0 [--times N] | --unreachable | --slow SECONDS |
 * --clear}.
 */
@Command(name = "fault", description = "Inject a fault into a simulated node, or clear its faults.")
public class SimFaultCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "Simulated cluster directory.")
  Path dir;

  @Parameters(index = "1", paramLabel = "NODE", description = "Node name.")
  String node;

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
    SimCluster c = SimCluster.open(dir);
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
