package dev.sanctl.sim.tgt;

import dev.sanctl.sim.StateFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** The runtime state of one simulated tgtd, persisted with {@link StateFile}. */
final class TgtState {
  final TreeMap<Integer, Target> targets = new TreeMap<>();
  final List<String> portals = new ArrayList<>();

  /** Newest first, as {@code --mode account} lists them. */
  final List<Account> accounts = new ArrayList<>();

  static final class Target {
    final int tid;
    final String iqn;
    String state = "ready";
    final TreeMap<Integer, Lun> luns = new TreeMap<>();
    final List<String> addressAcl = new ArrayList<>();
    final List<String> nameAcl = new ArrayList<>();
    final List<String> incoming = new ArrayList<>();
    String outgoing;
    final List<Nexus> nexuses = new ArrayList<>();

    Target(int tid, String iqn) {
      this.tid = tid;
      this.iqn = iqn;
    }
  }

  static final class Lun {
    final int lun;
    final String path;
    final long sizeBytes;
    String scsiId;
    String scsiSn;
    boolean online = true;

    Lun(int lun, String path, long sizeBytes, String scsiId, String scsiSn) {
      this.lun = lun;
      this.path = path;
      this.sizeBytes = sizeBytes;
      this.scsiId = scsiId;
      this.scsiSn = scsiSn;
    }
  }

  record Account(String user, String password) {}

  record Nexus(int id, String initiator, String ip) {}

  static TgtState load(Path file) throws IOException {
    TgtState s = new TgtState();
    for (List<String> r : StateFile.read(file)) {
      switch (r.get(0)) {
        case "target" -> {
          Target t = new Target(Integer.parseInt(r.get(1)), r.get(2));
          t.state = r.get(3);
          t.outgoing = r.get(4).isEmpty() ? null : r.get(4);
          s.targets.put(t.tid, t);
        }
        case "lun" -> {
          Lun l =
              new Lun(
                  Integer.parseInt(r.get(2)),
                  r.get(3),
                  Long.parseLong(r.get(4)),
                  r.get(5),
                  r.get(6));
          l.online = Boolean.parseBoolean(r.get(7));
          s.targets.get(Integer.parseInt(r.get(1))).luns.put(l.lun, l);
        }
        case "acl-address" -> s.targets.get(Integer.parseInt(r.get(1))).addressAcl.add(r.get(2));
        case "acl-name" -> s.targets.get(Integer.parseInt(r.get(1))).nameAcl.add(r.get(2));
        case "incoming" -> s.targets.get(Integer.parseInt(r.get(1))).incoming.add(r.get(2));
        case "nexus" ->
            s.targets
                .get(Integer.parseInt(r.get(1)))
                .nexuses
                .add(new Nexus(Integer.parseInt(r.get(2)), r.get(3), r.get(4)));
        case "portal" -> s.portals.add(r.get(1));
        case "account" -> s.accounts.add(new Account(r.get(1), r.get(2)));
        default -> throw new IOException("unknown tgt state record " + r.get(0) + " in " + file);
      }
    }
    return s;
  }

  void save(Path file) throws IOException {
    List<List<String>> rs = new ArrayList<>();
    for (Target t : targets.values()) {
      rs.add(StateFile.record("target", t.tid, t.iqn, t.state, t.outgoing));
      for (Lun l : t.luns.values()) {
        rs.add(
            StateFile.record(
                "lun", t.tid, l.lun, l.path, l.sizeBytes, l.scsiId, l.scsiSn, l.online));
      }
      t.addressAcl.forEach(a -> rs.add(StateFile.record("acl-address", t.tid, a)));
      t.nameAcl.forEach(a -> rs.add(StateFile.record("acl-name", t.tid, a)));
      t.incoming.forEach(a -> rs.add(StateFile.record("incoming", t.tid, a)));
      t.nexuses.forEach(
          n -> rs.add(StateFile.record("nexus", t.tid, n.id(), n.initiator(), n.ip())));
    }
    portals.forEach(p -> rs.add(StateFile.record("portal", p)));
    accounts.forEach(a -> rs.add(StateFile.record("account", a.user(), a.password())));
    StateFile.write(file, rs);
  }

  Target byIqn(String iqn) {
    return targets.values().stream().filter(t -> t.iqn.equals(iqn)).findFirst().orElse(null);
  }
}
