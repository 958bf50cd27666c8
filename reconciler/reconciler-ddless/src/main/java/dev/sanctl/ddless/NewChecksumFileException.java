package dev.sanctl.ddless;

import java.io.IOException;

/** {@code -b}: the run would need a new checksum file, so it did nothing. */
public class NewChecksumFileException extends IOException {
  private static final long serialVersionUID = 1L;

  public NewChecksumFileException(String message) {
    super(message);
  }
}
