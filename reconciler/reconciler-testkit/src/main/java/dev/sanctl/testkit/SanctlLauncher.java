package dev.sanctl.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A {@code sanctl} executable for tests that start sanctl on a node (e.g. {@code sanctl ddless
 * send|receive} of the streaming backup transport): a shell script running this build's CLI with
 * the test's class path.
 */
public final class SanctlLauncher {
  private SanctlLauncher() {}

  /** Writes {@code <dir>/sanctl} and returns its path. */
  public static Path write(Path dir) throws IOException {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path script = dir.resolve("sanctl");
    Files.writeString(
        script, "#!/bin/sh\nexec '" + java + "' -cp '" + cp + "' dev.sanctl.cli.Main \"$@\"\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }
}
