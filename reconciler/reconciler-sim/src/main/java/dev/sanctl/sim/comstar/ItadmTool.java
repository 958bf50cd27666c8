package dev.sanctl.sim.comstar;

import dev.sanctl.sim.SimNode;
import dev.sanctl.sim.comstar.ComstarState.Target;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.rules.IscsiNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The simulator's illumos {@code itadm} (live-state-formats 4.7, 4.8): {@code list-target -v} and
 * {@code list-tpg -v} with their column formats, and creating, modifying and deleting targets and
 * target portal groups with itadm's messages.
 */
public final class ItadmTool extends IllumosTool {
  /** errno values itadm returns as its exit status (illumos sys/errno.h). */
  static final int EFAULT = 14;

  static final int EINVAL = 22;

  @Override
  public Set<String> names() {
    return Set.of("itadm");
  }

  @Override
  public CommandResult run(SimNode node, List<String> argv, byte[] stdin) throws IOException {
    ComstarState s = ComstarState.load(node);
    String sub = argv.size() < 2 ? "" : argv.get(1);
    StmfadmTool.Args a =
        new StmfadmTool.Args("itadm", argv.subList(Math.min(2, argv.size()), argv.size()));
    if (a.refusal != null) return CommandResult.of(1, "", a.refusal);
    CommandResult r =
        switch (sub) {
          case "list-target" -> listTarget(s, a);
          case "list-tpg" -> listTpg(s, a);
          case "create-target" -> createTarget(s, a);
          case "modify-target" -> modifyTarget(s, a);
          case "delete-target" -> deleteTarget(s, a);
          case "create-tpg" -> createTpg(s, a);
          case "delete-tpg" -> deleteTpg(s, a);
          default -> CommandResult.of(1, "", "Unknown subcommand " + sub + "\n");
        };
    if (r.exitStatus() == 0) s.save(node);
    return r;
  }

  private static CommandResult failed(String sub, String msg) {
    return failed(sub, msg, 1);
  }

  /** itadm's main: "itadm %s failed with error %d" and the error as exit status. */
  private static CommandResult failed(String sub, String msg, int error) {
    return CommandResult.of(
        error, "", msg + "\nitadm " + sub + " failed with error " + error + "\n");
  }

  private CommandResult listTarget(ComstarState s, StmfadmTool.Args a) {
    List<Target> shown = new ArrayList<>();
    for (String op : a.operands) {
      Target t = s.targets.get(op.toLowerCase(Locale.ROOT));
      if (t == null) return CommandResult.of(1, "", "Target " + op + " not found!\n\n");
      shown.add(t);
    }
    if (a.operands.isEmpty()) shown.addAll(s.targets.values());
    if (shown.isEmpty()) return CommandResult.of(0, "", "");
    StringBuilder out =
        new StringBuilder(String.format("%-61s%-9s%-9s\n", "TARGET NAME", "STATE", "SESSIONS"));
    for (Target t : shown) {
      out.append(String.format("%-61s", t.iqn));
      if (t.iqn.length() > 60) out.append('\t');
      out.append(String.format("%-9s%-9d", t.online ? "online" : "offline", 0));
      if (a.flag('v')) {
        List<String> tags = new ArrayList<>();
        for (String tpg : t.tpgs) tags.add(tpg + " = " + s.tpgTags.get(tpg));
        out.append(
            String.format(
                "\n\t%-20s\t%s\n\t%-20s\t%s %s\n\t%-20s\t%s\n\t%-20s\t%s\n\t%-20s\t",
                "alias:",
                t.alias == null ? "-" : t.alias,
                "auth:",
                "none",
                "(defaults)",
                "targetchapuser:",
                "-",
                "targetchapsecret:",
                "unset",
                "tpg-tags:"));
        out.append(tags.isEmpty() ? "default" : String.join(",", tags));
      }
      out.append('\n');
    }
    return CommandResult.of(0, out.toString(), "");
  }

  private CommandResult listTpg(ComstarState s, StmfadmTool.Args a) {
    for (String op : a.operands) {
      if (!s.tpgs.containsKey(op)) {
        return failed("list-tpg", "Target Portal Group " + op + " not found");
      }
    }
    if (s.tpgs.isEmpty()) return CommandResult.of(0, "", "");
    StringBuilder out =
        new StringBuilder(String.format("%-30s%-9s\n", "TARGET PORTAL GROUP", "PORTAL COUNT"));
    for (var e : s.tpgs.entrySet()) {
      if (!a.operands.isEmpty() && !a.operands.contains(e.getKey())) continue;
      out.append(String.format("%-30s", e.getKey()));
      if (e.getKey().length() > 30) out.append('\t');
      out.append(String.format("%-9d", e.getValue().size()));
      if (a.flag('v')) {
        out.append("\n    portals:\t")
            .append(e.getValue().isEmpty() ? "<none>" : String.join(",", e.getValue()));
      }
      out.append('\n');
    }
    return CommandResult.of(0, out.toString(), "");
  }

  private CommandResult createTarget(ComstarState s, StmfadmTool.Args a) {
    String iqn = a.option("n");
    if (iqn == null)
      iqn =
          "iqn.2010-08.org.illumos:02:"
              + java.util.UUID.nameUUIDFromBytes(
                  Integer.toString(s.targets.size())
                      .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    // itadm.c create_target: IS_IQN_NAME || IS_EUI_NAME, else "Invalid name %s" (EINVAL);
    // it_tgt_create: validate_iscsi_name, else "Invalid iSCSI name %s" (EFAULT); then the name is
    // folded to lower case (canonical_iscsi_name)
    if (!IscsiNames.illumosPrefix(iqn)) {
      return failed("create-target", "Invalid name " + iqn, EINVAL);
    }
    if (!IscsiNames.illumos(iqn)) {
      return failed("create-target", "Invalid iSCSI name " + iqn, EFAULT);
    }
    iqn = iqn.toLowerCase(Locale.ROOT);
    if (s.targets.containsKey(iqn)) {
      return failed("create-target", "iSCSI target " + iqn + " already configured");
    }
    List<String> tpgs = tpgList(a.option("t"));
    for (String t : tpgs) {
      if (!s.tpgs.containsKey(t)) {
        return failed("create-target", "Invalid tpg-tag " + t + ", tag not defined");
      }
    }
    Target t = new Target(iqn);
    t.tpgs = tpgs;
    t.alias = a.option("l");
    s.targets.put(iqn, t);
    return CommandResult.of(0, "Target " + iqn + " successfully created\n", "");
  }

  private static List<String> tpgList(String v) {
    List<String> out = new ArrayList<>();
    if (v == null || v.equals("default")) return out;
    for (String x : v.split(",")) out.add(x);
    return out;
  }

  private CommandResult modifyTarget(ComstarState s, StmfadmTool.Args a) {
    String iqn = a.operands.isEmpty() ? "" : a.operands.get(0).toLowerCase(Locale.ROOT);
    Target t = s.targets.get(iqn);
    if (t == null) return CommandResult.of(1, "", "Target " + iqn + " not found!\n\n");
    if (a.option("t") != null) {
      List<String> tpgs = tpgList(a.option("t"));
      for (String x : tpgs) {
        if (!s.tpgs.containsKey(x)) {
          return failed("modify-target", "Invalid tpg-tag " + x + ", tag not defined");
        }
      }
      t.tpgs = tpgs;
    }
    if (a.option("l") != null) t.alias = a.option("l");
    return CommandResult.of(0, "Target " + iqn + " successfully modified\n", "");
  }

  private CommandResult deleteTarget(ComstarState s, StmfadmTool.Args a) {
    String iqn = a.operands.isEmpty() ? "" : a.operands.get(0).toLowerCase(Locale.ROOT);
    Target t = s.targets.get(iqn);
    if (t == null) return CommandResult.of(1, "", "Target " + iqn + " not found!\n\n");
    if (t.online && !a.flag('f')) {
      return failed(
          "delete-target",
          "The target is online or busy. Use the -f (force) option, "
              + "or 'stmfadm offline-target "
              + iqn
              + "'");
    }
    s.targets.remove(iqn);
    for (List<String> members : s.targetGroups.values()) members.remove(iqn);
    return CommandResult.of(0, "", "");
  }

  private CommandResult createTpg(ComstarState s, StmfadmTool.Args a) {
    if (a.operands.size() < 2) return failed("create-tpg", "Missing portal address");
    String name = a.operands.get(0);
    if (s.tpgs.containsKey(name)) {
      return failed("create-tpg", "Target Portal Group " + name + " already exists");
    }
    List<String> portals = new ArrayList<>();
    for (String p : a.operands.subList(1, a.operands.size())) {
      String portal = p.contains(":") && !p.startsWith("[") ? p : p + ":3260";
      for (List<String> other : s.tpgs.values()) {
        if (other.contains(portal)) return failed("create-tpg", "Portal " + p + " already in use");
      }
      portals.add(portal);
    }
    int tag = StmfadmTool.parseInt(name);
    s.tpgs.put(name, portals);
    s.tpgTags.put(name, tag >= 2 && tag <= 65535 ? tag : s.nextTag());
    return CommandResult.of(0, "", "");
  }

  private CommandResult deleteTpg(ComstarState s, StmfadmTool.Args a) {
    String name = a.operands.isEmpty() ? "" : a.operands.get(0);
    if (!s.tpgs.containsKey(name)) {
      return failed("delete-tpg", "Target Portal Group " + name + " not found");
    }
    boolean used = s.targets.values().stream().anyMatch(t -> t.tpgs.contains(name));
    if (used && !a.flag('f')) {
      return failed(
          "delete-tpg", "Target portal group associated with one or more targets.  Cannot delete.");
    }
    for (Target t : s.targets.values()) t.tpgs.remove(name);
    s.tpgs.remove(name);
    s.tpgTags.remove(name);
    return CommandResult.of(0, "", "");
  }
}
