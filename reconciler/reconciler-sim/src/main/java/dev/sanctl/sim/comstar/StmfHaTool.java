package dev.sanctl.sim.comstar;

import dev.sanctl.sim.SimNode;
import dev.sanctl.sim.SimTool;
import dev.sanctl.sim.zfs.ZfsTool;
import dev.sanctl.spi.host.CommandResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The simulator's {@code stmf-ha start <pool>} (skiselkov/stmf-ha 0.1.1, live-state-formats 4.9):
 * sources {@code /<pool>/stmf-ha.conf} and converges COMSTAR through the simulated {@code stmfadm}
 * and {@code itadm} with stmf-ha's defaults: LUs for {@code logical_units} or every zvol of the
 * pool, GUID {@code 600144F} + the first 25 hex digits of the MD5 of the zvol name, TPGs (default
 * portal {@code 0.0.0.0}), targets ({@code iqn.2010-08.org.illumos:stmf-ha:<name>}, default one
 * named after the pool, TPG from {@code <t>_tpg}, the first TPG or {@code default_tpg}), host and
 * target groups with their members, and one view (entry 0) per LU with the LUN from the {@code :NN}
 * suffix, retried without it on a LUN conflict. It never removes objects that left the file. {@code
 * stop} and {@code verify} are modelled too.
 */
public final class StmfHaTool extends IllumosTool {
  /** The IQN stmf-ha gives a target. */
  public static String iqn(String target) {
    return "iqn.2010-08.org.illumos:stmf-ha:" + target;
  }

  /** The GUID stmf-ha gives the LU of a zvol ({@code digest -a md5} prints lowercase). */
  public static String guid(String zvol) {
    try {
      byte[] md5 = MessageDigest.getInstance("MD5").digest(zvol.getBytes(StandardCharsets.UTF_8));
      return "600144F" + HexFormat.of().formatHex(md5).substring(0, 25);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Set<String> names() {
    return Set.of("stmf-ha");
  }

  @Override
  public CommandResult run(SimNode node, List<String> argv, byte[] stdin) throws IOException {
    String cmd = argv.size() > 1 ? argv.get(1) : "";
    String pool = argv.size() > 2 ? argv.get(2) : "";
    if (!List.of("start", "stop", "verify").contains(cmd)) {
      return CommandResult.of(
          1, "", "Unknown command \"" + cmd + "\". Try \"" + argv.get(0) + " -h\" for help\n");
    }
    if (pool.isEmpty()) {
      return CommandResult.of(
          1, "", "Missing argument. Try \"" + argv.get(0) + " -h\" for help.\n");
    }
    Path conf = node.file("/" + pool + "/stmf-ha.conf");
    if (!Files.isRegularFile(conf)) {
      return cmd.equals("verify")
          ? CommandResult.of(
              1,
              "",
              argv.get(0) + ": line 1: /" + pool + "/stmf-ha.conf: No such file or directory\n")
          : CommandResult.of(0, "", "");
    }
    Map<String, List<String>> vars = BashVariables.parse(Files.readString(conf));
    if (cmd.equals("verify"))
      return CommandResult.of(0, "Configuration file appears to be OK\n", "");
    if (cmd.equals("stop")) return stop(node, pool, vars);
    return new Start(node, pool, vars).run();
  }

  private CommandResult stop(SimNode node, String pool, Map<String, List<String>> vars)
      throws IOException {
    Session s = new Session(node);
    for (String lu : luNames(node, pool, vars)) s.stmfadm("delete-lu", guid(lu));
    for (String tg : list(vars, "target_groups")) s.stmfadm("delete-tg", tg);
    for (String hg : list(vars, "host_groups")) s.stmfadm("delete-hg", hg);
    List<String> targets = list(vars, "targets");
    for (String t : targets.isEmpty() ? List.of(pool) : targets) {
      s.itadm("delete-target", "-f", iqn(t));
    }
    for (String tpg : list(vars, "target_portal_groups")) s.itadm("delete-tpg", "-f", tpg);
    return s.result();
  }

  static List<String> list(Map<String, List<String>> vars, String name) {
    return vars.getOrDefault(name, List.of());
  }

  static String scalar(Map<String, List<String>> vars, String name) {
    List<String> v = vars.get(name);
    return v == null || v.isEmpty() ? "" : v.get(0);
  }

  static List<String> volumes(SimNode node, String prefix) throws IOException {
    List<String> out = new ArrayList<>();
    ZfsTool.read(
        node,
        z -> {
          for (String v : z.volumes().keySet()) {
            if (v.equals(prefix) || v.startsWith(prefix + "/")) out.add(v);
          }
        });
    return out;
  }

  static List<String> luNames(SimNode node, String pool, Map<String, List<String>> vars)
      throws IOException {
    List<String> lus = list(vars, "logical_units");
    return lus.isEmpty() ? volumes(node, pool) : lus;
  }

  /** Runs the simulated tools in order, collecting their output like the script's terminal. */
  static final class Session {
    private final SimNode node;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();

    Session(SimNode node) {
      this.node = node;
    }

    CommandResult stmfadm(String... args) throws IOException {
      return run(new StmfadmTool(), "stmfadm", args);
    }

    CommandResult itadm(String... args) throws IOException {
      return run(new ItadmTool(), "itadm", args);
    }

    private CommandResult run(SimTool tool, String name, String... args) throws IOException {
      List<String> argv = new ArrayList<>(List.of(name));
      argv.addAll(List.of(args));
      CommandResult r = tool.run(node, argv, new byte[0]);
      err.append(r.err());
      return r;
    }

    /** Output the script would show (tool stdout is mostly sent to /dev/null by stmf-ha). */
    void print(String s) {
      out.append(s);
    }

    CommandResult result() {
      return CommandResult.of(0, out.toString(), err.toString());
    }
  }
}
