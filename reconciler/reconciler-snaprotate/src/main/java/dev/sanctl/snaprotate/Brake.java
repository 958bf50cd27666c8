package dev.sanctl.snaprotate;

import java.util.Locale;

/** Safety brakes of the executor (2.9 step 2); each is overridden only by naming it. */
public enum Brake {
  STALE("the newest candidate is older than max(48 h, 3 x period of the finest rule)"),
  MASS("the plan deletes at least 10 snapshots and more than half of the candidates"),
  CLOCK("a snapshot created later carries a time more than 1 h earlier than an older one");

  private final String reason;

  Brake(String reason) {
    this.reason = reason;
  }

  /** The name used in output and in {@code --override}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String reason() {
    return reason;
  }

  /** The brake named {@code id}, case-insensitively. */
  public static Brake byId(String id) {
    for (Brake b : values()) {
      if (b.id().equalsIgnoreCase(id.trim())) return b;
    }
    throw new IllegalArgumentException(
        "unknown brake '" + id + "' (expected stale, mass or clock)");
  }
}
