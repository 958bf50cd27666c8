package dev.sanctl.spi.host;

import java.io.IOException;

/** The node could not be reached, authenticated or verified; it is unknown for this run. */
public class HostUnreachableException extends IOException {
  private static final long serialVersionUID = 1L;

  public HostUnreachableException(String message) {
    super(message);
  }

  public HostUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
