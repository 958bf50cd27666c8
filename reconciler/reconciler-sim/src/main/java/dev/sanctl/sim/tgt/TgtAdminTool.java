package dev.sanctl.sim.tgt;

import dev.sanctl.sim.SimNode;
import dev.sanctl.sim.SimTool;
import dev.sanctl.spi.host.CommandResult;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A simulated {@code tgt-admin -e [-C PORT] [-c FILE]} (tgt 1.0.85's perl script), the command the
 * tgt service runs after a {@code tgtd} (re)start to load {@code /etc/tgt/targets.conf}. It issues
 * the same tgtadm requests in the same order to the simulated tgtd:
 *
 * <ul>
 *   <li>targets in sorted IQN order, each new one with the tid after the largest in use; targets
 *       already served are left as they are;
 *   <li>per target, options in sorted key order: backing stores (LUN, {@code scsi_id}, {@code
 *       scsi_sn}), {@code incominguser}, {@code initiator-address} ({@code -I}), {@code
 *       initiator-name} ({@code -Q}), {@code outgoinguser}; an account is created once;
 *   <li>then {@code -I ALL} on every target whose stanza has <em>no</em> {@code initiator-address}
 *       line ({@code add_targets}: {@code $allowall}), whatever its {@code initiator-name} lines;
 *   <li>finally served targets that are not in the file are deleted, unless in use.
 * </ul>
 *
 * A failing tgtadm stops it with {@code Command: ... exited with code: N.} and that exit status.
 */
public final class TgtAdminTool implements SimTool {
  static final String DEFAULT_CONF = "/etc/tgt/targets.conf";

  @Override
  public Set<String> names() {
    return Set.of("tgt-admin");
  }

  @Override
  public boolean installedOn(SimNode node) throws IOException {
    return node.hasService("tgt");
  }

  @Override
  public CommandResult run(SimNode node, List<String> argv, byte[] stdin) throws IOException {
    boolean execute = false;
    String conf = DEFAULT_CONF;
    String port = "0";
    for (int i = 1; i < argv.size(); i++) {
      String a = argv.get(i);
      switch (a) {
        case "-e", "--execute" -> execute = true;
        case "-v", "--verbose" -> {
          // tgtadm commands are not echoed by the simulator
        }
        case "-c", "--conf", "-C", "--control-port" -> {
          if (i + 1 >= argv.size())
            return CommandResult.of(1, "", "Option " + a + " requires an argument\n");
          if (a.equals("-c") || a.equals("--conf")) conf = argv.get(++i);
          else port = argv.get(++i);
        }
        default -> {
          return CommandResult.of(1, "", "Unknown option: " + a.replaceFirst("^-+", "") + "\n");
        }
      }
    }
    if (!execute) {
      return CommandResult.of(1, "", "the simulated tgt-admin models only -e (--execute)\n");
    }
    if (!Files.isRegularFile(node.file(conf))) {
      return CommandResult.of(2, "", "Config file " + conf + " not found. Exiting...\n");
    }
    TgtConfigFile file;
    try {
      file = TgtConfigFile.read(node, conf);
    } catch (TgtConfigFile.Invalid e) {
      return CommandResult.of(255, "", e.getMessage() + "\n");
    }
    return new Execution(node, port).run(file);
  }

  /**
   * One {@code tgt-admin -e}: tgtadm requests against the simulated tgtd, stopping at a failure.
   */
  private static final class Execution {
    private final SimNode node;
    private final String port;
    private final TgtadmTool tgtadm = new TgtadmTool();
    private CommandResult failed;

    Execution(SimNode node, String port) {
      this.node = node;
      this.port = port;
    }

    private TgtState state() throws IOException {
      return TgtState.load(node.toolState("tgt").resolve("tgtd.state"));
    }

    /** Runs one tgtadm request; false (and {@link #failed} set) when it failed. */
    private boolean tgtadm(String... args) throws IOException {
      List<String> argv = new ArrayList<>(List.of("tgtadm", "-C", port, "--lld", "iscsi"));
      argv.addAll(List.of(args));
      CommandResult r = tgtadm.run(node, argv, new byte[0]);
      if (r.ok()) return true;
      failed =
          CommandResult.of(
              r.exitStatus(),
              "Command:\n\t"
                  + String.join(" ", argv)
                  + "\nexited with code: "
                  + r.exitStatus()
                  + ".\n",
              r.err());
      return false;
    }

    CommandResult run(TgtConfigFile file) throws IOException {
      TgtState before = state();
      int nextTid = before.targets.isEmpty() ? 0 : before.targets.lastKey();
      for (Map.Entry<String, TgtConfigFile.Target> e : file.targets.entrySet()) {
        if (before.byIqn(e.getKey()) != null) continue;
        nextTid++;
        if (!add(nextTid, e.getKey(), e.getValue())) return failed;
      }
      if (!file.targets.isEmpty()) {
        for (TgtState.Target t : state().targets.values()) {
          if (file.targets.containsKey(t.iqn) || !t.nexuses.isEmpty()) continue;
          if (!tgtadm("--mode", "target", "--op", "delete", "--tid=" + t.tid)) return failed;
        }
      }
      return CommandResult.of(0, "", "");
    }

    private boolean add(int tid, String iqn, TgtConfigFile.Target t) throws IOException {
      String id = Integer.toString(tid);
      if (!tgtadm("--op", "new", "--mode", "target", "--tid", id, "-T", iqn)) return false;
      boolean allowAll = true;
      for (Map.Entry<String, List<String>> option : options(t).entrySet()) {
        String key = option.getKey();
        for (String value : option.getValue()) {
          boolean ok =
              switch (key) {
                case "backing-store" -> lun(id, value, t.stores.get(value));
                case "incominguser" -> account(id, value, false);
                case "outgoinguser" -> account(id, value, true);
                case "initiator-address" ->
                    tgtadm("--op", "bind", "--mode", "target", "--tid", id, "-I", value);
                case "initiator-name" ->
                    tgtadm("--op", "bind", "--mode", "target", "--tid", id, "-Q", value);
                default -> true; // parameters sanctl does not write are not modelled
              };
          if (!ok) return false;
        }
        if (key.equals("initiator-address")) allowAll = false;
      }
      return !allowAll || tgtadm("--op", "bind", "--mode", "target", "--tid", id, "-I", "ALL");
    }

    /** The options in tgt-admin's order: sorted keys, backing stores under their own key. */
    private static Map<String, List<String>> options(TgtConfigFile.Target t) {
      Map<String, List<String>> all = new java.util.TreeMap<>(t.options);
      if (!t.stores.isEmpty()) all.put("backing-store", new ArrayList<>(t.stores.keySet()));
      return all;
    }

    private boolean lun(String tid, String path, Map<String, String> opts) throws IOException {
      String lun = opts.get("lun");
      if (lun == null) {
        TgtState.Target live = state().targets.get(Integer.parseInt(tid));
        int next = 1;
        while (live.luns.containsKey(next)) next++;
        lun = Integer.toString(next);
      }
      if (!tgtadm("--op", "new", "--mode", "logicalunit", "--tid", tid, "--lun", lun, "-b", path))
        return false;
      for (String param : List.of("scsi_id", "scsi_sn")) {
        String v = opts.get(param);
        if (v != null
            && !tgtadm(
                "--op",
                "update",
                "--mode",
                "logicalunit",
                "--tid",
                tid,
                "--lun=" + lun,
                "--params",
                param + "=" + v)) return false;
      }
      return true;
    }

    private boolean account(String tid, String userPassword, boolean outgoing) throws IOException {
      String[] up = userPassword.split(" ", 2);
      String user = up[0];
      if (state().accounts.stream().noneMatch(a -> a.user().equals(user))
          && !tgtadm("--mode", "account", "--op", "new", "--user=" + user, "--password=" + up[1])) {
        return false;
      }
      return outgoing
          ? tgtadm(
              "--mode", "account", "--op", "bind", "--tid=" + tid, "--user=" + user, "--outgoing")
          : tgtadm("--mode", "account", "--op", "bind", "--tid=" + tid, "--user=" + user);
    }
  }
}
