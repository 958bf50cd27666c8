package dev.sanctl.spi.diag;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Input/output errors in words for messages: never a Java exception class name. A file error names
 * its file first ({@code "/etc/x: no such file or directory"}); other errors are words followed by
 * the exception's message when it has one ({@code "connection refused: host:22"}).
 */
public final class IoErrors {
  private IoErrors() {}

  /**
   * {@code e} as words, e.g. {@code "/etc/x: no such file or directory"} or {@code "timed out"}.
   */
  public static String describe(IOException e) {
    if (e instanceof FileSystemException f) return fileMessage(f);
    String kind = kind(e);
    String m = e.getMessage();
    if (m == null || m.isBlank()) return kind == null ? "input/output error" : kind;
    return kind == null ? m : kind + ": " + m;
  }

  private static String fileMessage(FileSystemException f) {
    String what;
    if (f instanceof NoSuchFileException) what = "no such file or directory";
    else if (f instanceof AccessDeniedException) what = "permission denied";
    else if (f instanceof FileAlreadyExistsException) what = "already exists";
    else if (f instanceof NotDirectoryException) what = "not a directory";
    else what = f.getReason() == null ? "cannot be used" : f.getReason();
    String file = f.getFile() == null ? "" : f.getFile() + ": ";
    String other = f.getOtherFile() == null ? "" : " (" + f.getOtherFile() + ")";
    return file + what + other;
  }

  private static String kind(IOException e) {
    if (e instanceof FileNotFoundException) return "no such file";
    if (e instanceof SocketTimeoutException) return "timed out";
    if (e instanceof ConnectException) return "connection refused";
    if (e instanceof NoRouteToHostException) return "no route to host";
    if (e instanceof UnknownHostException) return "unknown host";
    if (e instanceof EOFException) return "connection closed";
    return null;
  }
}
