package dev.sanctl.spi.provider;

import dev.sanctl.spi.model.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the CHAP secrets of a plan's targets through {@link PlanContext#secrets()}, each secret
 * file once. Secrets are only ever handed to commands marked {@link
 * dev.sanctl.spi.host.Command#withSecret} and to 0600 files; messages name the file, never the
 * secret. A file that cannot be used ({@link PlanContext.SecretException}) is read again when asked
 * again, so every target naming it gets its own finding.
 */
public final class ChapSecrets {
  private final PlanContext.SecretResolver resolver;
  private final Map<String, String> read = new HashMap<>();

  public ChapSecrets(PlanContext.SecretResolver resolver) {
    this.resolver = resolver;
  }

  /** A CHAP user with its secret. */
  public record Account(String user, String secret) {}

  /** The accounts of a target: incoming users in declared order, and the outgoing user or null. */
  public record Accounts(List<Account> incoming, Account outgoing) {
    public Accounts {
      incoming = List.copyOf(incoming);
    }
  }

  /** {@code chap}, or {@link Target.Chap#NONE} for a target without CHAP. */
  public static Target.Chap of(Target target) {
    return target.chap() == null ? Target.Chap.NONE : target.chap();
  }

  /** The users of {@code chap}: the incoming ones in declared order, then the outgoing one. */
  public static List<Target.ChapUser> users(Target.Chap chap) {
    List<Target.ChapUser> out = new ArrayList<>(chap.incoming());
    if (chap.outgoing() != null) out.add(chap.outgoing());
    return out;
  }

  /**
   * The secret of {@code user}: the content of its secret file (final newline removed).
   *
   * @throws PlanContext.SecretException when the file is missing, unreadable or readable by others
   */
  public String secretOf(Target.ChapUser user) throws PlanContext.SecretException {
    String s = read.get(user.secretFile());
    if (s == null) {
      s = resolver.read(user.secretFile());
      read.put(user.secretFile(), s);
    }
    return s;
  }

  /**
   * The accounts of {@code chap} with their secrets, read in the order of {@link #users}.
   *
   * @throws PlanContext.SecretException for the first secret file that cannot be used
   */
  public Accounts accounts(Target.Chap chap) throws PlanContext.SecretException {
    List<Account> incoming = new ArrayList<>();
    for (Target.ChapUser u : chap.incoming()) incoming.add(new Account(u.user(), secretOf(u)));
    Target.ChapUser o = chap.outgoing();
    return new Accounts(incoming, o == null ? null : new Account(o.user(), secretOf(o)));
  }
}
