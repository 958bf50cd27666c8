package dev.sanctl.spi.provider;

import java.io.IOException;

/** An observation command failed or printed something that cannot be parsed: node unknown. */
public class ObserveException extends IOException {
  private static final long serialVersionUID = 1L;

  public ObserveException(String message) {
    super(message);
  }
}
