package dev.sanctl.kernel;

/** qemu could not bind a forwarded port (taken since we chose it): boot again on other ports. */
final class PortTaken extends Exception {
  private static final long serialVersionUID = 1L;

  PortTaken(String message) {
    super(message);
  }
}
