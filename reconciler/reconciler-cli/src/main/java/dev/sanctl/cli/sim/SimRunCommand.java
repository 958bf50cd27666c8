package dev.sanctl.cli.sim;

import dev.sanctl.sim.SimCluster;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Parameters;

/**
 * {@code sanctl sim run DIR NODE -- ARGV...}: runs one command on a simulated node as an operator
 * would (standard input passed through), prints its output and exits with its status.
 */
@picocli.CommandLine.Command(
    name = "run",
    description =
        "Run one command on a simulated node (stdin passed through); exit with its status.")
public class SimRunCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "Simulated cluster directory.")
  Path dir;

  @Parameters(index = "1", paramLabel = "NODE", description = "Node name.")
  String node;

  @Parameters(index = "2..*", arity = "1..*", paramLabel = "ARGV", description = "The command.")
  List<String> argv;

  InputStream in = System.in;
  OutputStream out = System.out;
  OutputStream err = System.err;

  @Override
  public Integer call() throws IOException {
    byte[] stdin = System.console() != null && in == System.in ? new byte[0] : in.readAllBytes();
    CommandResult r =
        SimCluster.open(dir).host(node).run(new Command(argv, stdin, null, true, null));
    out.write(r.stdout());
    out.flush();
    err.write(r.stderr());
    err.flush();
    if (r.truncated()) new PrintStream(err, true).println("sanctl: output truncated");
    return r.exitStatus();
  }
}
