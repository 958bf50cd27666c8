package dev.sanctl.cli.sim;

import dev.sanctl.sim.SimCluster;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sanctl sim run --sim DIR NODE -- ARGV...} (or {@code DIR NODE -- ARGV...}): runs one
 * command on a simulated node as an operator would (standard input passed through), prints its
 * output and exits with its status.
 */
@picocli.CommandLine.Command(
    name = "run",
    description =
        "Run one command on a simulated node (stdin passed through); exit with its status.")
public class SimRunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SimDirOption simDir;

  @Parameters(
      paramLabel = "[DIR] NODE ARGV",
      description = "The node, then the command (after --).")
  List<String> words;

  InputStream in = System.in;
  OutputStream out = System.out;
  OutputStream err = System.err;

  @Override
  public Integer call() throws IOException {
    SimDirOption.Words w = simDir.split(spec, words, "NODE", "ARGV");
    String node = w.get(0);
    List<String> argv = w.rest().subList(1, w.rest().size());
    byte[] stdin = System.console() != null && in == System.in ? new byte[0] : in.readAllBytes();
    CommandResult r =
        SimCluster.open(w.dir()).host(node).run(new Command(argv, stdin, null, true, null));
    out.write(r.stdout());
    out.flush();
    err.write(r.stderr());
    err.flush();
    if (r.truncated()) new PrintStream(err, true).println("sanctl: output truncated");
    return r.exitStatus();
  }
}
