package dev.sanctl.kernel;

/**
 * The machine lacks something the real-kernel tier needs (qemu, busybox-static, the Debian kernel,
 * apt). The tier is never skipped on such a machine: this failure names the Debian package to
 * install ({@code ci/install-deps} installs them all from {@code ci/packages.txt}).
 */
public final class KernelTierUnavailable extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public KernelTierUnavailable(String message) {
    super(message);
  }

  public KernelTierUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
