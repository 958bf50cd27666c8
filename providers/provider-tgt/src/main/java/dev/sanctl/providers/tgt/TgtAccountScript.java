package dev.sanctl.providers.tgt;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.PerlScripts;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code tgtadm --op new --mode account} without the password in any process's argv. tgtadm reads
 * the password only from its arguments, and tgt-admin runs tgtadm with it through {@code system()},
 * so neither keeps the secret out of {@code ps} and audit logs. Instead a constant Perl script
 * ({@code tgt-account-new.pl}; perl is on every tgt node, tgt-admin is written in it) sends
 * tgtadm's own request, {@code struct tgtadm_req} followed by {@code user=NAME,password=SECRET\0},
 * to tgtd's management socket ({@code /var/run/tgtd/socket.<controlPort>}), reading that body from
 * standard input. Its messages and exit statuses are tgtadm's ({@code tgtadm: this account already
 * exists}, 22). The argv holds only the script and the control port.
 */
public final class TgtAccountScript {
  /** The script's text, passed with {@code perl -e}. */
  public static final String SOURCE = PerlScripts.TGT_ACCOUNT_NEW;

  private TgtAccountScript() {}

  /** The command creating {@code user} with {@code secret}, the secret masked in every display. */
  static Command newAccount(Integer controlPort, String user, String secret) {
    byte[] body = ("user=" + user + ",password=" + secret).getBytes(StandardCharsets.UTF_8);
    String port = controlPort == null ? "0" : controlPort.toString();
    return new Command(List.of("perl", "-e", SOURCE, port), body, null, true, null)
        .withSecret(secret);
  }
}
