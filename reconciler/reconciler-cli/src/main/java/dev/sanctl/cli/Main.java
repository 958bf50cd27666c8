package dev.sanctl.cli;

import dev.sanctl.cli.ddless.DdlessCommand;
import dev.sanctl.cli.ddless.DdmapCommand;
import dev.sanctl.core.config.ConfigLoader;
import dev.sanctl.ddless.HashWarmUp;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The {@code sanctl} executable. */
@Command(
    name = "sanctl",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Declarative, GitOps-style configuration reconciler for iSCSI SAN clusters.",
    subcommands = {
      ValidateCommand.class,
      PlanCommand.class,
      ApplyCommand.class,
      DriftCommand.class,
      ImportCommand.class,
      StatusCommand.class,
      WatchCommand.class,
      DemoCommand.class,
      dev.sanctl.cli.sim.SimCommand.class,
      DdlessCommand.class,
      DdmapCommand.class,
      dev.sanctl.cli.snaprotate.SnaprotateCommand.class,
      dev.sanctl.cli.backup.BackupCommand.class,
      VersionCommand.class
    })
public class Main implements Callable<Integer> {
  @Mixin GlobalOptions global;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Bare {@code sanctl}: the help, exit 64. */
  @Override
  public Integer call() {
    return GroupUsage.print(spec);
  }

  /** Builds the command line with sanctl's exit-code and error conventions. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    applyExitCodes(cl);
    CliErrors.install(cl);
    return cl;
  }

  private static void applyExitCodes(CommandLine cl) {
    cl.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
    cl.getCommandSpec().exitCodeOnExecutionException(ExitCodes.ERROR);
    cl.getSubcommands().values().forEach(Main::applyExitCodes);
  }

  public static void main(String[] args) {
    if (args.length > 0 && (args[0].equals("ddless") || args[0].equals("backup"))) {
      HashWarmUp.start();
    }
    // validate and plan load a configuration: its schema compiles while the command line starts
    List<String> words = List.of(args);
    if (words.contains("validate") || words.contains("plan")) {
      ConfigLoader.prepareSchemaInBackground();
    }
    Integer fast = FastPaths.run(args);
    if (fast != null) System.exit(fast);
    System.exit(commandLine().execute(args));
  }
}
