package dev.sanctl.providers.iet;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.PerlScripts;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code ietadm --op new --tid=N --user --params=KIND=USER,Password=SECRET} without the secret in
 * any process's argv. ietadm takes the account only as an argument (visible to every local user in
 * {@code ps}) and ietd reads {@code ietd.conf} only when it starts, so a constant Perl script
 * ({@code iet-account-new.pl}; perl is on every Debian node) reads {@code
 * KIND=USER,Password=SECRET} from standard input and sends ietadm's own request to ietd's
 * management socket: one {@code struct ietadm_req} (C_ACCT_NEW) on the abstract socket {@code
 * IET_ABSTRACT_NAMESPACE}, answered by the request and a {@code struct ietadm_rsp}. Its messages
 * and exit statuses are ietadm's ({@code File exists.}, 239; {@code Connection refused.}, 145). The
 * command numbers differ before IET 1.4.20, so it refuses (exit 161, a message naming the version)
 * unless the loaded kernel module is IET 1.4.20.2, 1.4.20.3 or their svn trunk. The argv holds only
 * the script and the tid.
 */
public final class IetAccountScript {
  /** The script's text, passed with {@code perl -e}. */
  public static final String SOURCE = PerlScripts.IET_ACCOUNT_NEW;

  private IetAccountScript() {}

  /** The command adding {@code user} ({@code kind} IncomingUser or OutgoingUser) to {@code tid}. */
  static Command newAccount(int tid, String kind, String user, String secret) {
    byte[] body = (kind + "=" + user + ",Password=" + secret).getBytes(StandardCharsets.UTF_8);
    return new Command(List.of("perl", "-e", SOURCE, Integer.toString(tid)), body, null, true, null)
        .withSecret(secret);
  }
}
