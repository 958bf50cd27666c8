package dev.sanctl.spi.model;

/** The {@code policy} section: what the daemon may apply unattended. */
public record Policy(
    boolean autoApply, boolean allowDestroy, boolean allowDisruptive, boolean selfHeal) {
  public static final Policy DEFAULTS = new Policy(false, false, false, false);
}
