package dev.sanctl.cli;

import dev.sanctl.gitops.WatchSuspension;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sanctl watch suspend [--reason TEXT]} and {@code sanctl watch resume}: the suspend marker
 * in the state directory ({@link WatchSuspension}) that a running or cron-started {@code watch}
 * honours at its next step. Exit 0; 1 when the state directory cannot be written.
 */
final class WatchSuspendCommands {
  private WatchSuspendCommands() {}

  /**
   * The state directory: the subcommand's {@code --state-dir}, watch's, or {@code
   * <config>/.sanctl}.
   */
  abstract static class StateDirCommand {
    @ParentCommand WatchCommand watch;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--state-dir",
        paramLabel = "DIR",
        description = "The state directory of the watch (default: <config>/.sanctl).")
    Path stateDir;

    Path stateDir() {
      if (stateDir != null) return stateDir;
      if (watch.stateDir != null) return watch.stateDir;
      return watch.parent.global.configDir.resolve(".sanctl");
    }

    PrintWriter out() {
      return spec.commandLine().getOut();
    }
  }

  @Command(
      name = "suspend",
      description =
          "Suspend applying: watch applies nothing (new commits wait, drift is reported, not"
              + " repaired) until sanctl watch resume.",
      mixinStandardHelpOptions = true)
  static final class Suspend extends StateDirCommand implements Callable<Integer> {
    @Option(names = "--reason", paramLabel = "TEXT", description = "Why (shown by sanctl status).")
    String reason = "";

    @Override
    public Integer call() {
      WatchSuspension s =
          new WatchSuspension(Instant.now(), System.getProperty("user.name", ""), reason);
      s.write(stateDir());
      out()
          .println(
              "sanctl watch: suspended "
                  + s.describe()
                  + " ("
                  + stateDir()
                  + "); nothing is applied until: sanctl watch resume --state-dir "
                  + stateDir());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "resume",
      description = "Resume applying: waiting commits are applied at watch's next poll.",
      mixinStandardHelpOptions = true)
  static final class Resume extends StateDirCommand implements Callable<Integer> {
    @Override
    public Integer call() {
      Path dir = stateDir();
      boolean was = WatchSuspension.read(dir).isPresent();
      WatchSuspension.resume(dir);
      out()
          .println(
              was
                  ? "sanctl watch: resumed; waiting commits are applied at the next poll"
                  : "sanctl watch: was not suspended (" + dir + ")");
      return ExitCodes.OK;
    }
  }
}
