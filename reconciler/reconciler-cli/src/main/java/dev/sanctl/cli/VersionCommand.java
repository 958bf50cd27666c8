package dev.sanctl.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sanctl version}: the same line as {@code sanctl --version}. Exit 0. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the version.")
public class VersionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    var root = spec.root().commandLine();
    root.printVersionHelp(spec.commandLine().getOut());
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
