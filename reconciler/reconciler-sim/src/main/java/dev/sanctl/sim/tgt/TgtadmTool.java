package dev.sanctl.sim.tgt;

import dev.sanctl.sim.Getopt;
import dev.sanctl.sim.Getopt.Arg;
import dev.sanctl.sim.SimNode;
import dev.sanctl.sim.SimTool;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.rules.IscsiNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A simulated {@code tgtadm} talking to a simulated {@code tgtd} on the node: the operations sanctl
 * uses, with tgt 1.0.85's output and its error table ({@code tgtadm: <msg>}, exit 22). tgtd starts
 * without portals; {@code --op new --mode portal} adds them.
 */
public final class TgtadmTool implements SimTool {
  /** tgtadm.c's {@code long_options} (1.0.85). */
  private static final Getopt OPTIONS =
      Getopt.options()
          .option('d', "debug", Arg.NONE)
          .option('h', "help", Arg.NONE)
          .option('V', "version", Arg.NONE)
          .option('L', "lld", Arg.REQUIRED)
          .option('o', "op", Arg.REQUIRED)
          .option('m', "mode", Arg.REQUIRED)
          .option('t', "tid", Arg.REQUIRED)
          .option('s', "sid", Arg.REQUIRED)
          .option('c', "cid", Arg.REQUIRED)
          .option('l', "lun", Arg.REQUIRED)
          .option('n', "name", Arg.REQUIRED)
          .option('v', "value", Arg.REQUIRED)
          .option('b', "backing-store", Arg.REQUIRED)
          .option('E', "bstype", Arg.REQUIRED)
          .option('S', "bsopts", Arg.REQUIRED)
          .option('f', "bsoflags", Arg.REQUIRED)
          .option('y', "blocksize", Arg.REQUIRED)
          .option('T', "targetname", Arg.REQUIRED)
          .option('I', "initiator-address", Arg.REQUIRED)
          .option('Q', "initiator-name", Arg.REQUIRED)
          .option('u', "user", Arg.REQUIRED)
          .option('p', "password", Arg.REQUIRED)
          .option('H', "host", Arg.REQUIRED)
          .option('F', "force", Arg.NONE)
          .option('P', "params", Arg.REQUIRED)
          .option('B', "bus", Arg.REQUIRED)
          .option('Y', "device-type", Arg.REQUIRED)
          .option('O', "outgoing", Arg.NONE)
          .option('C', "control-port", Arg.REQUIRED);

  @Override
  public Set<String> names() {
    return Set.of("tgtadm");
  }

  /** Installed where the node runs the tgt service. */
  @Override
  public boolean installedOn(SimNode node) throws IOException {
    return node.hasService("tgt");
  }

  @Override
  public CommandResult run(SimNode node, List<String> argv, byte[] stdin) throws IOException {
    Map<String, String> opts = new HashMap<>();
    try {
      for (Getopt.Option o : OPTIONS.parse(argv.subList(1, argv.size())).options()) {
        opts.put("--" + o.name(), o.value() == null ? "" : o.value());
      }
    } catch (Getopt.Error e) {
      return fail(e.getMessage());
    }
    Path file = node.toolState("tgt").resolve("tgtd.state");
    TgtState s = TgtState.load(file);
    CommandResult r = new Request(node, s, opts).run();
    if (r.ok()) s.save(file);
    return r;
  }

  static CommandResult fail(String message) {
    return CommandResult.of(22, "", "tgtadm: " + message + "\n");
  }

  /**
   * {@code tgtd} stops and starts again: it forgets every target, account, session and added
   * portal. What comes back is what {@code tgt-admin -e} ({@link TgtAdminTool}) loads afterwards.
   */
  public static void restartDaemon(SimNode node) throws IOException {
    Files.deleteIfExists(node.toolState("tgt").resolve("tgtd.state"));
  }

  /**
   * Creates a CHAP account as {@code tgtadm --op new --mode account} does (for {@link
   * TgtAccountPerl}, which sends the same request to tgtd without tgtadm).
   */
  static CommandResult newAccount(SimNode node, String user, String password) throws IOException {
    Path file = node.toolState("tgt").resolve("tgtd.state");
    TgtState s = TgtState.load(file);
    CommandResult r =
        new Request(node, s, Map.of("--user", user, "--password", password)).newAccount();
    if (r.ok()) s.save(file);
    return r;
  }

  /** Adds a logged-in initiator (I_T nexus) to a target, as {@code sim session add} does. */
  public static void addSession(SimNode node, String iqn, String initiator, String ip)
      throws IOException {
    Path file = node.toolState("tgt").resolve("tgtd.state");
    TgtState s = TgtState.load(file);
    TgtState.Target t = s.byIqn(iqn);
    if (t == null) throw new IOException("no tgt target " + iqn + " on " + node.name());
    int next =
        s.targets.values().stream()
                .flatMap(x -> x.nexuses.stream())
                .mapToInt(TgtState.Nexus::id)
                .max()
                .orElse(0)
            + 1;
    t.nexuses.add(new TgtState.Nexus(next, initiator, ip));
    s.save(file);
  }

  private static final class Request {
    private final SimNode node;
    private final TgtState s;
    private final Map<String, String> o;

    Request(SimNode node, TgtState s, Map<String, String> o) {
      this.node = node;
      this.s = s;
      this.o = o;
    }

    CommandResult run() throws IOException {
      String op = o.get("--op");
      String mode = o.get("--mode");
      if (op == null || mode == null) return fail("specify the operation type");
      return switch (mode + " " + op) {
        case "target show" -> o.containsKey("--tid") ? showParams() : ok(TgtShow.targets(s));
        case "portal show" -> ok(TgtShow.portals(s));
        case "account show" -> ok(TgtShow.accounts(s));
        case "target new" -> newTarget();
        case "target delete" -> deleteTarget();
        case "target update" -> updateTarget();
        case "target bind" -> bindAcl(true);
        case "target unbind" -> bindAcl(false);
        case "logicalunit new" -> newLun();
        case "logicalunit delete" -> deleteLun();
        case "logicalunit update" -> updateLun();
        case "account new" -> newAccount();
        case "account delete" -> deleteAccount();
        case "account bind" -> bindAccount(true);
        case "account unbind" -> bindAccount(false);
        case "portal new" -> portal(true);
        case "portal delete" -> portal(false);
        default -> fail("invalid request");
      };
    }

    private CommandResult ok(String out) {
      return CommandResult.of(0, out, "");
    }

    private TgtState.Target target() {
      String tid = o.get("--tid");
      return tid == null ? null : s.targets.get(Integer.parseInt(tid));
    }

    private CommandResult showParams() {
      if (target() == null) return fail("can't find the target");
      return ok("nop_interval=0\nnop_count=0\nMaxRecvDataSegmentLength=8192\n");
    }

    private CommandResult newTarget() {
      int tid = Integer.parseInt(o.getOrDefault("--tid", "0"));
      String name = o.get("--targetname");
      if (tid <= 0 || name == null || !IscsiNames.tgt(name)) return fail("invalid request");
      if (s.targets.containsKey(tid) || s.byIqn(name) != null)
        return fail("this target already exists");
      s.targets.put(tid, new TgtState.Target(tid, name));
      return ok("");
    }

    private CommandResult deleteTarget() {
      TgtState.Target t = target();
      if (t == null) return fail("can't find the target");
      if (!t.nexuses.isEmpty() && !o.containsKey("--force"))
        return fail("this target is still active");
      s.targets.remove(t.tid);
      return ok("");
    }

    private CommandResult updateTarget() {
      TgtState.Target t = target();
      if (t == null) return fail("can't find the target");
      if ("state".equals(o.get("--name"))) {
        String v = o.get("--value");
        if (!"offline".equals(v) && !"ready".equals(v)) return fail("invalid request");
        t.state = v;
      }
      return ok("");
    }

    private CommandResult bindAcl(boolean bind) {
      TgtState.Target t = target();
      if (t == null) return fail("can't find the target");
      boolean byName = o.containsKey("--initiator-name");
      String entry = byName ? o.get("--initiator-name") : o.get("--initiator-address");
      if (entry == null) return fail("invalid request");
      List<String> acl = byName ? t.nameAcl : t.addressAcl;
      if (bind) {
        if (acl.contains(entry)) return fail("this access control rule already exists");
        acl.add(entry);
      } else if (!acl.remove(entry)) {
        return fail("this access control rule does not exist");
      }
      return ok("");
    }

    private CommandResult newLun() throws IOException {
      if (o.containsKey("--params")) {
        return CommandResult.of(
            22, "", "tgtadm: logicalunit mode: option '-P' is not allowed/supported\n");
      }
      TgtState.Target t = target();
      if (t == null) return fail("can't find the target");
      int lun = Integer.parseInt(o.getOrDefault("--lun", "-1"));
      if (lun < 0) return fail("invalid request");
      if (t.luns.containsKey(lun) || lun == 0)
        return fail("this logical unit number already exists");
      String path = o.get("--backing-store");
      Optional<Path> backing = backing(path);
      if (backing.isEmpty()) return fail("invalid request");
      t.luns.put(
          lun,
          new TgtState.Lun(
              lun,
              path,
              Files.size(backing.get()),
              TgtShow.defaultScsiId(t.tid, lun),
              TgtShow.defaultScsiSn(t.tid, lun)));
      return ok("");
    }

    private Optional<Path> backing(String path) throws IOException {
      if (path == null) return Optional.empty();
      Optional<Path> dev = node.blockDevice(path);
      if (dev.isPresent()) return dev;
      Path f = node.file(path);
      return Files.isRegularFile(f) ? Optional.of(f) : Optional.empty();
    }

    private CommandResult deleteLun() {
      TgtState.Target t = target();
      if (t == null) return fail("can't find the target");
      int lun = Integer.parseInt(o.getOrDefault("--lun", "-1"));
      if (!t.luns.containsKey(lun)) return fail("can't find the logical unit");
      if (!t.nexuses.isEmpty()) return fail("this logical unit is still active");
      t.luns.remove(lun);
      return ok("");
    }

    private CommandResult updateLun() {
      TgtState.Target t = target();
      if (t == null) return fail("can't find the target");
      TgtState.Lun l = t.luns.get(Integer.parseInt(o.getOrDefault("--lun", "-1")));
      if (l == null) return fail("can't find the logical unit");
      String params = o.getOrDefault("--params", "");
      for (String kv : params.split(",")) {
        int eq = kv.indexOf('=');
        if (eq <= 0) return fail("invalid request");
        String k = kv.substring(0, eq);
        String v = kv.substring(eq + 1);
        switch (k) {
          case "scsi_sn" -> l.scsiSn = v;
          case "scsi_id" -> l.scsiId = v;
          case "online" -> l.online = !"0".equals(v);
          default -> {
            // readonly, vendor_id, ... are accepted and not modelled
          }
        }
      }
      return ok("");
    }

    private CommandResult newAccount() {
      String user = o.get("--user");
      String password = o.get("--password");
      if (user == null || password == null) return fail("invalid request");
      if (s.accounts.stream().anyMatch(a -> a.user().equals(user))) {
        return fail("this account already exists");
      }
      s.accounts.add(0, new TgtState.Account(user, password));
      return ok("");
    }

    private CommandResult deleteAccount() {
      String user = o.get("--user");
      if (!s.accounts.removeIf(a -> a.user().equals(user))) return fail("can't find the account");
      return ok("");
    }

    private CommandResult bindAccount(boolean bind) {
      TgtState.Target t = target();
      if (t == null) return fail("can't find the target");
      String user = o.get("--user");
      if (s.accounts.stream().noneMatch(a -> a.user().equals(user))) {
        return fail("can't find the account");
      }
      boolean outgoing = o.containsKey("--outgoing");
      if (bind) {
        if (outgoing) {
          if (t.outgoing != null) return fail("this account already exists");
          t.outgoing = user;
        } else {
          if (t.incoming.contains(user)) return fail("this account already exists");
          t.incoming.add(user);
        }
      } else if (outgoing ? !user.equals(t.outgoing) : !t.incoming.contains(user)) {
        return fail("can't find the account");
      } else if (outgoing) {
        t.outgoing = null;
      } else {
        t.incoming.remove(user);
      }
      return ok("");
    }

    private CommandResult portal(boolean add) {
      String param = o.getOrDefault("--params", "");
      if (!param.startsWith("portal=")) return fail("invalid request");
      String p = param.substring(7);
      if (add) {
        if (s.portals.contains(p)) return fail("this portal already exists");
        s.portals.add(p);
      } else if (!s.portals.remove(p)) {
        return fail("can't find the portal");
      }
      return ok("");
    }
  }
}
