package dev.sanctl.sim.iet;

import dev.sanctl.sim.SimNode;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.PerlScripts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code perl -e <iet-account-new.pl> <tid>}, the script that adds an IET CHAP account with {@code
 * KIND=USER,Password=SECRET} read from standard input and sent to ietd's management socket as
 * ietadm's {@code C_ACCT_NEW} request (the provider's copy must be byte-identical to this module's
 * {@code iet-account-new.pl}). Its answers are the script's: a body or tid it does not accept gives
 * {@code Username and password must be specified} (234); a node without IET has no IET kernel
 * module, which the script refuses (161); otherwise the account is applied and answered as {@code
 * ietadm --op new --tid=TID --user --params=BODY} is (nothing printed on success, {@code strerror.}
 * and the negative errno on failure). Reached through the simulated {@code perl}.
 */
public final class IetAccountPerl {
  /** The one script modelled. */
  public static final String SCRIPT = PerlScripts.IET_ACCOUNT_NEW;

  private static final String VERSION_FILE = "/sys/module/iscsi_trgt/version";
  private static final Pattern BODY =
      Pattern.compile(
          "\\A(IncomingUser|OutgoingUser)=([^,\\x00\\s]{1,255}),Password=([^,\\x00\\s]{1,255})\\z");

  private IetAccountPerl() {}

  /** Whether {@code argv} runs this script. */
  public static boolean runs(List<String> argv) {
    return argv.size() >= 3 && argv.get(1).equals("-e") && argv.get(2).equals(SCRIPT);
  }

  /** Runs the script on {@code node}. */
  public static CommandResult run(SimNode node, List<String> argv, byte[] stdin)
      throws IOException {
    String tid = argv.size() > 3 ? argv.get(3) : "";
    // the script matches bytes: a multi-byte character counts as its UTF-8 length
    String body = stdin == null ? "" : new String(stdin, StandardCharsets.ISO_8859_1);
    Matcher m = BODY.matcher(body);
    if (!tid.matches("[0-9]{1,10}") || Long.parseLong(tid) >= 1L << 32 || !m.matches()) {
      return CommandResult.of(234, "", "Username and password must be specified\n");
    }
    if (!node.hasService("iet")) {
      return CommandResult.of(
          161,
          "",
          "sanctl: the loaded IET kernel module (version '' in "
              + VERSION_FILE
              + ") is not IET 1.4.20.2 or 1.4.20.3 (or their svn trunk), whose ietadm protocol"
              + " sanctl speaks; the account was not created\n");
    }
    String params = new String(stdin, StandardCharsets.UTF_8);
    return new IetadmTool()
        .run(
            node,
            List.of("ietadm", "--op", "new", "--tid=" + tid, "--user", "--params=" + params),
            null);
  }
}
