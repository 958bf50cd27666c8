package dev.sanctl.cli.sim;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sanctl sim}: the embedded simulated cluster. */
@Command(
    name = "sim",
    description = "The embedded simulated cluster: seed it, run commands on its nodes, make drift.",
    mixinStandardHelpOptions = true,
    subcommands = {
      SimInitCommand.class,
      SimRunCommand.class,
      SimSessionCommand.class,
      SimWriteCommand.class,
      SimFailoverCommand.class,
      SimFaultCommand.class
    })
public class SimCommand implements java.util.concurrent.Callable<Integer> {
  @Spec CommandSpec spec;

  /** Without a subcommand: the help, exit 64. */
  @Override
  public Integer call() {
    return dev.sanctl.cli.GroupUsage.print(spec);
  }
}
