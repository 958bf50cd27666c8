package dev.sanctl.spi.rules;

import java.util.Locale;

/**
 * Names of stmf-ha objects. stmf-ha sources {@code stmf-ha.conf} with bash, so every TPG, target,
 * host group, target group and view name prefixes bash variables ({@code <name>_portals}, {@code
 * <name>_members}, ...): bash takes a variable name of letters, digits and '_' not starting with a
 * digit (bash(1), "name"). A target is created as {@code iqn.2010-08.org.illumos:stmf-ha:<name>},
 * which itadm checks by {@link IscsiNames#illumos} (no '_'). So a target name is letters and
 * digits, starting with a letter.
 */
public final class StmfHaNames {
  /** The IQN prefix stmf-ha gives its targets. */
  public static final String IQN_PREFIX = "iqn.2010-08.org.illumos:stmf-ha:";

  private StmfHaNames() {}

  /** Whether bash takes {@code name} as (the start of) a variable name. */
  public static boolean bashName(String name) {
    return name.matches("[A-Za-z_][A-Za-z0-9_]*");
  }

  /** The IQN stmf-ha creates for target {@code name}, as itadm stores it (lower case). */
  public static String iqn(String name) {
    return (IQN_PREFIX + name).toLowerCase(Locale.ROOT);
  }

  /** Why {@code name} cannot name a stmf-ha target, or null. */
  public static String invalidTarget(String name) {
    if (!bashName(name)) {
      return "it prefixes bash variables ("
          + name
          + "_type, ...), which take letters, digits"
          + " and '_' only, not starting with a digit";
    }
    if (!IscsiNames.illumos(IQN_PREFIX + name)) {
      return "its IQN "
          + IQN_PREFIX
          + name
          + " is not one itadm accepts (letters, digits, '-',"
          + " '.', ':' only, at most 223 characters)";
    }
    return null;
  }
}
