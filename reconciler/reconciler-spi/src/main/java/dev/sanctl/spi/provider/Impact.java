package dev.sanctl.spi.provider;

/**
 * Who feels a change. Ordered from harmless to worst; a plan shows the worst first.
 *
 * <ul>
 *   <li>{@code NONE}: no initiator notices (an ACL, a new volume).
 *   <li>{@code DISRUPTIVE}: initiators lose a path or reconnect (LUN resize, target offline or
 *       deleted); needs {@code --allow-disruptive} when sessions are live.
 *   <li>{@code DESTRUCTIVE}: data can be lost (a volume destroyed); needs {@code --allow-destroy}.
 *   <li>{@code BREAKING}: identity changes (IQN, LUN number, serial, GUID); needs {@code
 *       --allow-disruptive} and is shown first.
 * </ul>
 */
public enum Impact {
  NONE,
  DISRUPTIVE,
  DESTRUCTIVE,
  BREAKING;

  /** The worse of {@code a} and {@code b} (the later in this order). */
  public static Impact worst(Impact a, Impact b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
