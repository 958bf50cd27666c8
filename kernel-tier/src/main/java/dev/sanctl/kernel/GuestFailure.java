package dev.sanctl.kernel;

/**
 * A guest did not boot, hung, lost a disk, died, or a command in it failed where success was
 * required. The message carries the end of the guest's console log.
 */
public final class GuestFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public GuestFailure(String message) {
    super(message);
  }

  public GuestFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
