package dev.sanctl.sim.comstar;

import dev.sanctl.sim.Getopt;
import dev.sanctl.sim.SimNode;
import dev.sanctl.sim.comstar.ComstarState.Lu;
import dev.sanctl.sim.comstar.ComstarState.Target;
import dev.sanctl.sim.comstar.ComstarState.View;
import dev.sanctl.spi.host.CommandResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The simulator's illumos {@code stmfadm} (live-state-formats 4.1-4.5, 4.8): listings of LUs,
 * views, host and target groups, targets and state in the exact formats, and the create, delete,
 * view and membership commands with their messages. Installed on illumos nodes.
 */
public final class StmfadmTool extends IllumosTool {
  private static final String PROPS = "    %-18s: %s\n";
  private static final String VIEW = "    %-13s: %s\n";

  @Override
  public Set<String> names() {
    return Set.of("stmfadm");
  }

  @Override
  public CommandResult run(SimNode node, List<String> argv, byte[] stdin) throws IOException {
    ComstarState s = ComstarState.load(node);
    Args a = new Args("stmfadm", argv.subList(Math.min(2, argv.size()), argv.size()));
    if (a.refusal != null) return CommandResult.of(1, "", a.refusal);
    String sub = argv.size() < 2 ? "" : argv.get(1);
    CommandResult r =
        switch (sub) {
          case "list-lu" -> listLu(s, a);
          case "list-view" -> listView(s, a);
          case "list-hg" -> listGroups(s.hostGroups, "Host Group", a);
          case "list-tg" -> listGroups(s.targetGroups, "Target Group", a);
          case "list-target" -> listTarget(s, a);
          case "list-state" ->
              ok(
                  "Operational Status: online\nConfig Status     : initialized\n"
                      + "ALUA Status       : disabled\nALUA Node         : 0\n");
          case "create-lu" -> createLu(node, s, a);
          case "import-lu" -> err("stmfadm: meta file error\n");
          case "delete-lu" -> deleteLu(s, a);
          case "add-view" -> addView(s, a);
          case "remove-view" -> removeView(s, a);
          case "create-hg" -> createGroup(s.hostGroups, a);
          case "create-tg" -> createGroup(s.targetGroups, a);
          case "delete-hg" -> deleteGroup(s, s.hostGroups, a, true);
          case "delete-tg" -> deleteGroup(s, s.targetGroups, a, false);
          case "add-hg-member" -> member(s, s.hostGroups, a, true, false);
          case "remove-hg-member" -> member(s, s.hostGroups, a, false, false);
          case "add-tg-member" -> member(s, s.targetGroups, a, true, true);
          case "remove-tg-member" -> member(s, s.targetGroups, a, false, true);
          case "online-target", "offline-target" -> onlineTarget(s, a, sub.startsWith("online"));
          default -> CommandResult.of(1, "", "stmfadm: " + sub + ": unknown subcommand\n");
        };
    if (r.exitStatus() == 0) s.save(node);
    return r;
  }

  /**
   * Options with values ({@code -p k=v}, {@code -h hg}), flags and operands of {@code stmfadm} and
   * {@code itadm}, read by {@link Getopt} (illumos {@code cmdparse} calls {@code getopt_long},
   * which permutes operands and options).
   */
  static final class Args {
    private static final Getopt OPTIONS = options();

    private static Getopt options() {
      Getopt g = Getopt.options();
      for (char c : "phtnslg".toCharArray()) g.shortOption(c, Getopt.Arg.REQUIRED);
      for (char c : "afv".toCharArray()) g.shortOption(c, Getopt.Arg.NONE);
      return g;
    }

    final List<String[]> options = new ArrayList<>();
    final List<String> operands = new ArrayList<>();
    final List<Character> flags = new ArrayList<>();

    /** Why {@link Getopt} refused the command line, or null. */
    final String refusal;

    Args(String tool, List<String> args) {
      String refused = null;
      try {
        Getopt.Parsed p = OPTIONS.parse(args);
        for (Getopt.Option o : p.options()) {
          if (o.value() == null) flags.add(o.name().charAt(0));
          else options.add(new String[] {o.name(), o.value()});
        }
        operands.addAll(p.operands());
      } catch (Getopt.Error e) {
        refused = tool + ": " + e.getMessage() + "\n";
      }
      this.refusal = refused;
    }

    String option(String name) {
      String v = null;
      for (String[] o : options) if (o[0].equals(name)) v = o[1];
      return v;
    }

    List<String> all(String name) {
      List<String> out = new ArrayList<>();
      for (String[] o : options) if (o[0].equals(name)) out.add(o[1]);
      return out;
    }

    boolean flag(char c) {
      return flags.contains(c);
    }
  }

  static CommandResult ok(String out) {
    return CommandResult.of(0, out, "");
  }

  static CommandResult err(String err) {
    return CommandResult.of(1, "", err);
  }

  static boolean isGuid(String g) {
    return g.matches("[0-9A-Fa-f]{32}");
  }

  private CommandResult listLu(ComstarState s, Args a) {
    StringBuilder out = new StringBuilder();
    List<Lu> lus = new ArrayList<>();
    for (String op : a.operands) {
      if (!isGuid(op)) return err("stmfadm: " + op + ": must be 32 hexadecimal digits long\n");
      Lu lu = s.lus.get(op.toUpperCase(Locale.ROOT));
      if (lu == null) return err("stmfadm: " + op + ": not found\n");
      lus.add(lu);
    }
    if (a.operands.isEmpty()) lus.addAll(s.lus.values());
    for (Lu lu : lus) {
      out.append("LU Name: ").append(lu.guid).append('\n');
      if (!a.flag('v')) continue;
      out.append(String.format(PROPS, "Operational Status", "Online"));
      out.append(String.format(PROPS, "Provider Name", "sbd"));
      out.append(String.format(PROPS, "Alias", lu.alias == null ? lu.dataFile : lu.alias));
      out.append(String.format(PROPS, "View Entry Count", lu.views.size()));
      out.append(String.format(PROPS, "Data File", lu.dataFile));
      out.append(String.format(PROPS, "Meta File", "not set"));
      out.append(String.format(PROPS, "Size", lu.size));
      out.append(String.format(PROPS, "Block Size", lu.blockSize));
      out.append(String.format(PROPS, "Management URL", "not set"));
      out.append(String.format(PROPS, "Vendor ID", "SUN     "));
      out.append(String.format(PROPS, "Product ID", "COMSTAR         "));
      out.append(String.format(PROPS, "Serial Num", lu.serial == null ? "not set" : lu.serial));
      out.append(String.format(PROPS, "Write Protect", "Disabled"));
      out.append(String.format(PROPS, "Writeback Cache", "Disabled"));
      out.append(String.format(PROPS, "Access State", "Active"));
    }
    return ok(out.toString());
  }

  private CommandResult listView(ComstarState s, Args a) {
    String guid = a.option("l");
    if (guid == null) return CommandResult.of(1, "", "stmfadm: missing option -l\n");
    if (!isGuid(guid)) return err("stmfadm: " + guid + ": must be 32 hexadecimal digits long\n");
    Lu lu = s.lus.get(guid.toUpperCase(Locale.ROOT));
    if (lu == null || lu.views.isEmpty()) {
      return err("stmfadm: " + guid.toLowerCase(Locale.ROOT) + ": no views found\n");
    }
    StringBuilder out = new StringBuilder();
    for (Map.Entry<Integer, View> e : lu.views.entrySet()) {
      if (!a.operands.isEmpty() && !a.operands.contains(Integer.toString(e.getKey()))) continue;
      out.append("View Entry: ").append(e.getKey()).append('\n');
      View v = e.getValue();
      out.append(String.format(VIEW, "Host group", v.hostGroup() == null ? "All" : v.hostGroup()));
      out.append(
          String.format(VIEW, "Target group", v.targetGroup() == null ? "All" : v.targetGroup()));
      out.append(String.format(VIEW, "LUN", v.lun()));
    }
    for (String op : a.operands) {
      if (!lu.views.containsKey(parseInt(op))) {
        return err("stmfadm: " + guid.toLowerCase(Locale.ROOT) + ", " + op + ": not found\n");
      }
    }
    return ok(out.toString());
  }

  private CommandResult listGroups(Map<String, List<String>> groups, String label, Args a) {
    StringBuilder out = new StringBuilder();
    for (String op : a.operands) {
      if (!groups.containsKey(op)) return err("stmfadm: " + op + ": not found\n");
    }
    for (Map.Entry<String, List<String>> g : groups.entrySet()) {
      if (!a.operands.isEmpty() && !a.operands.contains(g.getKey())) continue;
      out.append(label).append(": ").append(g.getKey()).append('\n');
      if (a.flag('v'))
        for (String m : g.getValue()) out.append("\tMember: ").append(m).append('\n');
    }
    return ok(out.toString());
  }

  private CommandResult listTarget(ComstarState s, Args a) {
    for (String op : a.operands) {
      if (!s.targets.containsKey(op.toLowerCase(Locale.ROOT))) {
        return err("stmfadm: " + op + ": not found\n");
      }
    }
    StringBuilder out = new StringBuilder();
    for (Target t : s.targets.values()) {
      if (!a.operands.isEmpty() && a.operands.stream().noneMatch(o -> o.equalsIgnoreCase(t.iqn)))
        continue;
      out.append("Target: ").append(t.iqn).append('\n');
      if (!a.flag('v')) continue;
      out.append(String.format(PROPS, "Operational Status", t.online ? "Online" : "Offline"));
      out.append(String.format(PROPS, "Provider Name", "iscsit"));
      out.append(String.format(PROPS, "Alias", t.alias == null ? "-" : t.alias));
      out.append(String.format(PROPS, "Protocol", "iSCSI"));
      out.append(String.format(PROPS, "Sessions", 0));
    }
    return ok(out.toString());
  }

  private CommandResult createLu(SimNode node, ComstarState s, Args a) throws IOException {
    if (a.operands.size() != 1) return CommandResult.of(1, "", "stmfadm: missing operand\n");
    String file = a.operands.get(0);
    String guid = null;
    Lu lu;
    String serial = null;
    String alias = null;
    int blk = 512;
    for (String p : a.all("p")) {
      int eq = p.indexOf('=');
      String k = eq < 0 ? p : p.substring(0, eq);
      String v = eq < 0 ? "" : p.substring(eq + 1);
      switch (k) {
        case "guid" -> {
          if (!isGuid(v)) return err("stmfadm: unable to set guid: bad format\n");
          guid = v.toUpperCase(Locale.ROOT);
        }
        case "serial" -> {
          if (v.length() > 252) return err("stmfadm: unable to set serial: invalid length\n");
          serial = v;
        }
        case "alias" -> alias = v;
        case "blk" -> {
          blk = parseInt(v);
          if (blk < 512 || Integer.bitCount(blk) != 1) return err("stmfadm: invalid block size\n");
        }
        case "wcd", "wp", "vid", "pid", "mgmt-url", "meta", "oui", "host-id" -> {}
        default -> {
          return err("stmfadm: invalid property specified: " + k + "\n");
        }
      }
    }
    Optional<Path> dev = node.blockDevice(file);
    Path backing = dev.orElse(node.file(file));
    if (!Files.isRegularFile(backing)) return err("stmfadm: " + file + ": not found\n");
    for (Lu other : s.lus.values()) {
      if (other.dataFile.equals(file)) return err("stmfadm: filename " + file + ": in use\n");
    }
    if (guid == null) guid = generatedGuid(file, s);
    if (s.lus.containsKey(guid)) return err("stmfadm: guid in use\n");
    lu = new Lu(guid, file);
    lu.size = Files.size(backing);
    lu.blockSize = blk;
    lu.serial = serial;
    lu.alias = alias;
    s.lus.put(guid, lu);
    return ok("Logical unit created: " + guid + "\n");
  }

  private static String generatedGuid(String file, ComstarState s) {
    long h = file.hashCode() * 0x9E3779B97F4A7C15L + s.lus.size();
    return String.format("600144F0%08X%016X", (int) (h >>> 32), h).substring(0, 32);
  }

  private CommandResult deleteLu(ComstarState s, Args a) {
    for (String op : a.operands) {
      if (!isGuid(op)) return err("stmfadm: " + op + ": must be 32 hexadecimal digits long\n");
      if (s.lus.remove(op.toUpperCase(Locale.ROOT)) == null) {
        return err("stmfadm: " + op + ": not found\n");
      }
    }
    return ok("");
  }

  private CommandResult addView(ComstarState s, Args a) {
    if (a.operands.size() != 1) return CommandResult.of(1, "", "stmfadm: missing operand\n");
    String guid = a.operands.get(0);
    Lu lu = s.lus.get(guid.toUpperCase(Locale.ROOT));
    if (lu == null) return err("stmfadm: " + guid + ": not found\n");
    String hg = a.option("h");
    String tg = a.option("t");
    if (hg != null && !s.hostGroups.containsKey(hg)) return err("stmfadm: invalid host group\n");
    if (tg != null && !s.targetGroups.containsKey(tg)) {
      return err("stmfadm: invalid target group\n");
    }
    for (View v : lu.views.values()) {
      if (java.util.Objects.equals(v.hostGroup(), hg)
          && java.util.Objects.equals(v.targetGroup(), tg)) {
        return err("stmfadm: view entry exists\n");
      }
    }
    Integer lun = a.option("n") == null ? null : parseInt(a.option("n"));
    if (lun != null && (lun < 0 || lun >= 16384)) {
      return err("stmfadm: " + a.option("n") + ": Logical unit number must be less than 16384\n");
    }
    if (lun == null) {
      lun = 0;
      while (lunInUse(s, hg, lun)) lun++;
    } else if (lunInUse(s, hg, lun)) {
      return err("stmfadm: LUN already in use\n");
    }
    int ve = 0;
    while (lu.views.containsKey(ve)) ve++;
    lu.views.put(ve, new View(hg, tg, lun));
    return ok("");
  }

  private static boolean lunInUse(ComstarState s, String hg, int lun) {
    for (Lu lu : s.lus.values()) {
      for (View v : lu.views.values()) {
        boolean overlap = v.hostGroup() == null || hg == null || v.hostGroup().equals(hg);
        if (overlap && v.lun() == lun) return true;
      }
    }
    return false;
  }

  private CommandResult removeView(ComstarState s, Args a) {
    String guid = a.option("l");
    if (guid == null) return CommandResult.of(1, "", "stmfadm: missing option -l\n");
    Lu lu = s.lus.get(guid.toUpperCase(Locale.ROOT));
    if (lu == null) return err("stmfadm: " + guid + ": not found\n");
    if (a.flag('a')) {
      lu.views.clear();
      return ok("");
    }
    for (String op : a.operands) {
      if (lu.views.remove(parseInt(op)) == null) {
        return err("stmfadm: " + guid.toLowerCase(Locale.ROOT) + ", " + op + ": not found\n");
      }
    }
    return ok("");
  }

  private CommandResult createGroup(Map<String, List<String>> groups, Args a) {
    String name = a.operands.isEmpty() ? "" : a.operands.get(0);
    if (groups.containsKey(name)) return err("stmfadm: " + name + ": already exists\n");
    groups.put(name, new ArrayList<>());
    return ok("");
  }

  private CommandResult deleteGroup(
      ComstarState s, Map<String, List<String>> groups, Args a, boolean host) {
    String name = a.operands.isEmpty() ? "" : a.operands.get(0);
    if (!groups.containsKey(name)) return err("stmfadm: " + name + ": not found\n");
    for (Lu lu : s.lus.values()) {
      for (View v : lu.views.values()) {
        if (name.equals(host ? v.hostGroup() : v.targetGroup())) {
          return err("stmfadm: " + name + ": group is in use by existing view entry\n");
        }
      }
    }
    groups.remove(name);
    return ok("");
  }

  /** Normalizes a member id as stmfadm does, or returns null when unrecognized. */
  static String deviceId(String id) {
    String lower = id.toLowerCase(Locale.ROOT);
    if (lower.startsWith("iqn.") && id.length() <= 223 && lower.matches("iqn\\.[a-z0-9.:-]+")) {
      return lower;
    }
    if (lower.matches("(wwn|eui)\\.[0-9a-f]{16}")) {
      return lower.substring(0, 4) + id.substring(4).toUpperCase(Locale.ROOT);
    }
    return null;
  }

  private CommandResult member(
      ComstarState s, Map<String, List<String>> groups, Args a, boolean add, boolean targets) {
    String g = a.option("g");
    if (g == null || !groups.containsKey(g)) return err("stmfadm: " + g + ": not found\n");
    for (String op : a.operands) {
      String id = deviceId(op);
      if (id == null) return err("stmfadm: " + op + ": unrecognized device id\n");
      if (targets) {
        Target t = s.targets.get(id);
        if (t != null && t.online) return err("stmfadm: STMF target must be offline\n");
      }
      List<String> members = groups.get(g);
      if (add) {
        if (members.contains(id)) return err("stmfadm: " + op + ": already exists\n");
        members.add(id);
      } else if (!members.remove(id)) {
        return err("stmfadm: " + op + ": not found\n");
      }
    }
    return ok("");
  }

  private CommandResult onlineTarget(ComstarState s, Args a, boolean online) {
    for (String op : a.operands) {
      Target t = s.targets.get(op.toLowerCase(Locale.ROOT));
      if (t == null) return err("stmfadm: " + op + ": not found\n");
      t.online = online;
    }
    return ok("");
  }

  static int parseInt(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
