package dev.sanctl.cli;

import java.util.List;

/**
 * Exit codes are API (documented in README.md and docs/operations.md).
 *
 * <ul>
 *   <li>0: success, no changes
 *   <li>1: error (invalid configuration, a plan with errors, failed apply)
 *   <li>2: changes or drift present ({@code plan --detailed-exitcode}, {@code drift}, {@code watch
 *       --once}) and nothing else: no command uses 2 for an error ({@code snaprotate}'s
 *       configuration errors are 1, its usage errors 64)
 *   <li>3: refused for safety (stale plan, rotation brake, destroy or disruption not allowed)
 *   <li>4: incomplete: a node in scope could not be observed (unreachable, host key changed or
 *       revoked, an observation command failed), so its live state is unknown
 *   <li>64: usage error (unknown command or option, missing argument, a {@code --node} or name that
 *       is not in the configuration); also bare {@code sanctl} and a command group without a
 *       subcommand
 * </ul>
 *
 * <p>When several apply, the most important one wins ({@link #PRECEDENCE}): 64 usage, 1 error, then
 * 3 refused, then 4 incomplete, then 2 changes, then 0. An incomplete run therefore never exits 0,
 * and never 2 either: the changes it reports are only part of the picture.
 */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int ERROR = 1;
  public static final int CHANGES = 2;
  public static final int REFUSED = 3;
  public static final int INCOMPLETE = 4;
  public static final int USAGE = 64;

  /** Most important first. */
  public static final List<Integer> PRECEDENCE =
      List.of(USAGE, ERROR, REFUSED, INCOMPLETE, CHANGES, OK);

  private ExitCodes() {}

  /** The most important of {@code codes} by {@link #PRECEDENCE}; {@link #OK} when none is set. */
  public static int worst(int... codes) {
    for (int c : PRECEDENCE) {
      for (int x : codes) if (x == c) return c;
    }
    return OK;
  }
}
