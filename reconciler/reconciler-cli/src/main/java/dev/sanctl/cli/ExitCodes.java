package dev.sanctl.cli;

/**
 * Exit codes are API (documented in README.md and docs/operations.md).
 *
 * <ul>
 *   <li>0: success, no changes
 *   <li>1: error (invalid configuration, failed apply, unreachable everything)
 *   <li>2: changes or drift present ({@code plan --detailed-exitcode}, {@code drift})
 *   <li>3: refused for safety (stale plan, rotation brake, destroy or disruption not allowed)
 *   <li>64: usage error (unknown option, missing argument)
 * </ul>
 */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int ERROR = 1;
  public static final int CHANGES = 2;
  public static final int REFUSED = 3;
  public static final int USAGE = 64;

  private ExitCodes() {}
}
