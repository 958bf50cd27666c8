package dev.sanctl.spi.values;

/**
 * A SCSI serial (VPD page 0x80, and the page 0x83 id): IET {@code Lun ... ScsiSN=,ScsiId=} and
 * {@code ietadm --params} (both split at {@code ,} and {@code =}), tgt {@code scsi_sn} in {@code
 * tgtadm --params} (split at {@code ,}) and in {@code targets.conf}, whose lines {@code tgt-admin}
 * hands to {@code system()} (a shell), and {@code stmfadm create-lu -p serial=}. IET stores 16
 * bytes.
 */
public final class Serial extends ValueKind {
  public static final Serial KIND = new Serial();

  private Serial() {
    super(
        "serial",
        "1 to 16 letters, digits, '.', '_', ':' and '-', not starting with '-'"
            + " (no spaces, commas, '=' or shell characters)",
        16);
  }

  @Override
  protected boolean allowedAt(int c, int index) {
    return asciiLetterOrDigit(c) || oneOf(c, "._:") || (c == '-' && index > 0);
  }
}
