package dev.sanctl.sim.tgt;

import dev.sanctl.sim.SimNode;
import dev.sanctl.sim.SimTool;
import dev.sanctl.sim.iet.IetAccountPerl;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.PerlScripts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code perl}, as far as sanctl runs it: only {@code perl -e <tgt-account-new.pl> <controlPort>},
 * the script that creates a tgt CHAP account with {@code user=NAME,password=SECRET} read from
 * standard input and sent to tgtd's management socket (the provider's copy must be byte-identical
 * to this module's {@code tgt-account-new.pl}). Its answers are the script's: tgtadm's messages and
 * exit statuses, and exit 107 when no tgtd listens. sanctl's IET account script is run by {@link
 * IetAccountPerl}; any other Perl program is refused, exit 2.
 */
public final class TgtAccountPerl implements SimTool {
  /** The one script modelled. */
  public static final String SCRIPT = PerlScripts.TGT_ACCOUNT_NEW;

  private static final Pattern BODY =
      Pattern.compile("\\Auser=([^,\\x00]+),password=([^\\x00]+)\\z", Pattern.DOTALL);

  @Override
  public Set<String> names() {
    return Set.of("perl");
  }

  @Override
  public CommandResult run(SimNode node, List<String> argv, byte[] stdin) throws IOException {
    if (IetAccountPerl.runs(argv)) return IetAccountPerl.run(node, argv, stdin);
    if (argv.size() < 3 || !argv.get(1).equals("-e") || !argv.get(2).equals(SCRIPT)) {
      return CommandResult.of(
          2,
          "",
          "perl: the simulator runs only sanctl's tgt-account-new.pl and iet-account-new.pl (perl -e)\n");
    }
    String port = argv.size() > 3 ? argv.get(3) : "0";
    Matcher m = BODY.matcher(new String(stdin, StandardCharsets.UTF_8));
    if (!m.matches()) return TgtadmTool.fail("invalid request");
    if (!node.hasService("tgt")) {
      return CommandResult.of(
          107,
          "",
          "tgtadm: can't connect to tgt daemon at /var/run/tgtd/socket."
              + port
              + ", No such file or directory\n");
    }
    return TgtadmTool.newAccount(node, m.group(1), m.group(2));
  }
}
