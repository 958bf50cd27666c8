package dev.sanctl.spi.diag;

/** How bad a diagnostic is. Errors stop the command; warnings are shown. */
public enum Severity {
  ERROR,
  WARNING
}
