package dev.sanctl.spi.diag;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Input/output errors in words for messages: never a Java exception class name. The message of the
 * exception (a path, a host) follows the words when it has one.
 */
public final class IoErrors {
  private IoErrors() {}

  /** {@code e} as words, e.g. {@code "no such file: /etc/x"} or {@code "connection refused"}. */
  public static String describe(IOException e) {
    String kind = kind(e);
    String m = e.getMessage();
    if (m == null || m.isBlank()) return kind;
    return kind == null ? m : kind + ": " + m;
  }

  private static String kind(IOException e) {
    if (e instanceof NoSuchFileException || e instanceof FileNotFoundException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) return "permission denied";
    if (e instanceof NotDirectoryException) return "not a directory";
    if (e instanceof SocketTimeoutException) return "timed out";
    if (e instanceof ConnectException) return "connection refused";
    if (e instanceof NoRouteToHostException) return "no route to host";
    if (e instanceof UnknownHostException) return "unknown host";
    if (e instanceof EOFException) return "connection closed";
    return e.getMessage() == null || e.getMessage().isBlank() ? "input/output error" : null;
  }
}
