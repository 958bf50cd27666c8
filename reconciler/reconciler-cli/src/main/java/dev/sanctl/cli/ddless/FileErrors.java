package dev.sanctl.cli.ddless;

import dev.sanctl.cli.ExitCodes;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;

/** Turns file-system errors into one clear line (exit 1) instead of a bare path. */
final class FileErrors {
  private FileErrors() {}

  static int run(String command, PrintWriter err, Callable<Integer> body) throws Exception {
    try {
      return body.call();
    } catch (NoSuchFileException e) {
      return fail(command, err, e, "no such file or device");
    } catch (AccessDeniedException e) {
      return fail(command, err, e, "permission denied");
    }
  }

  private static int fail(String command, PrintWriter err, FileSystemException e, String what) {
    err.println(
        "sanctl "
            + command
            + ": "
            + e.getFile()
            + ": "
            + what
            + (e.getOtherFile() == null ? "" : " (" + e.getOtherFile() + ")"));
    err.flush();
    return ExitCodes.ERROR;
  }
}
