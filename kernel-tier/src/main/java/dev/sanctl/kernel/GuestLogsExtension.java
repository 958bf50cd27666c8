package dev.sanctl.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Attaches the console and kernel log of every open guest to a failing test: printed to the test's
 * standard output (which surefire keeps in the report of a failed test) and written to {@code
 * target/kernel-tier-logs/<class>/<method>/<guest>.{console,dmesg}.log}, whose paths are published
 * as report entries. Runs before {@code @AfterEach}, so guests a test closes there are still
 * readable.
 */
public final class GuestLogsExtension implements AfterTestExecutionCallback {
  @Override
  public void afterTestExecution(ExtensionContext context) {
    if (context.getExecutionException().isEmpty()) return;
    Path dir =
        Path.of("target", "kernel-tier-logs")
            .resolve(context.getRequiredTestClass().getSimpleName())
            .resolve(context.getRequiredTestMethod().getName());
    for (Guest g : Guest.open()) {
      String console = g.console();
      String dmesg = g.dmesg();
      System.out.println(
          "===== guest "
              + g
              + " console (test "
              + context.getDisplayName()
              + " failed) =====\n"
              + console
              + "\n===== guest "
              + g.name()
              + " dmesg =====\n"
              + dmesg
              + "\n===== end of guest "
              + g.name()
              + " =====");
      try {
        Files.createDirectories(dir);
        Path c = dir.resolve(g.name() + ".console.log");
        Path d = dir.resolve(g.name() + ".dmesg.log");
        Files.writeString(c, console);
        Files.writeString(d, dmesg);
        context.publishReportEntry("guest." + g.name() + ".console", c.toAbsolutePath().toString());
        context.publishReportEntry("guest." + g.name() + ".dmesg", d.toAbsolutePath().toString());
      } catch (IOException e) {
        System.out.println("(could not write the guest logs to " + dir + ": " + e + ")");
      }
    }
  }
}
