package dev.sanctl.providers.tgt;

import dev.sanctl.spi.provider.ObserveException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code tgtadm --lld iscsi --op show --mode target|portal} output exactly as tgt prints it
 * ({@code usr/target.c tgt_target_show_all}: 4-space indents, headers always present).
 */
public final class TgtShowParser {
  private static final Pattern TARGET = Pattern.compile("^Target (\\d+): (\\S+)$");
  private static final Pattern PORTAL = Pattern.compile("^Portal: (.+):(\\d+),(\\d+)$");
  private static final Pattern SIZE = Pattern.compile("^(\\d+) MB, Block size: \\d+$");

  private TgtShowParser() {}

  /** Targets in listed order. */
  public static List<TgtTarget> targets(String text) throws ObserveException {
    List<TgtTarget> out = new ArrayList<>();
    Builder b = null;
    String section = null;
    LunBuilder lun = null;
    NexusBuilder nexus = null;
    int lineNo = 0;
    for (String line : text.split("\n", -1)) {
      lineNo++;
      if (line.isEmpty()) continue;
      int indent = 0;
      while (indent < line.length() && line.charAt(indent) == ' ') indent++;
      String body = line.substring(indent);
      if (indent == 0) {
        Matcher m = TARGET.matcher(body);
        if (!m.matches()) throw bad(lineNo, line);
        if (b != null) out.add(b.build(lun, nexus));
        b = new Builder(Integer.parseInt(m.group(1)), m.group(2));
        section = null;
        lun = null;
        nexus = null;
        continue;
      }
      if (b == null) throw bad(lineNo, line);
      if (indent == 4) {
        section = body;
        continue;
      }
      switch (String.valueOf(section)) {
        case "System information:" -> {
          if (body.startsWith("State: ")) b.state = body.substring(7);
        }
        case "I_T nexus information:" -> {
          if (indent == 8 && body.startsWith("I_T nexus: ")) {
            if (nexus != null) b.nexuses.add(nexus.build());
            nexus = new NexusBuilder(Integer.parseInt(body.substring(11).trim()));
          } else if (nexus != null && body.startsWith("Initiator: ")) {
            String rest = body.substring(11);
            int alias = rest.indexOf(" alias: ");
            nexus.initiator = alias >= 0 ? rest.substring(0, alias) : rest;
          } else if (nexus != null && body.startsWith("IP Address: ")) {
            nexus.addresses.add(body.substring(12));
          }
        }
        case "LUN information:" -> {
          if (indent == 8 && body.startsWith("LUN: ")) {
            if (lun != null) b.luns.add(lun.build());
            lun = new LunBuilder(Integer.parseInt(body.substring(5).trim()));
          } else if (lun != null) {
            lun.field(body);
          }
        }
        case "Account information:" -> {
          if (body.endsWith(" (outgoing)")) {
            b.outgoing = body.substring(0, body.length() - " (outgoing)".length());
          } else {
            b.accounts.add(body);
          }
        }
        case "ACL information:" -> b.acl.add(body);
        default -> {
          // sections tgt may add in later versions are ignored
        }
      }
    }
    if (b != null) out.add(b.build(lun, nexus));
    return out;
  }

  /** Portals ({@code address:port}) from {@code --mode portal}. */
  public static List<String> portals(String text) throws ObserveException {
    List<String> out = new ArrayList<>();
    int lineNo = 0;
    for (String line : text.split("\n")) {
      lineNo++;
      if (line.isEmpty()) continue;
      Matcher m = PORTAL.matcher(line);
      if (!m.matches()) throw bad(lineNo, line);
      out.add(m.group(1) + ":" + m.group(2));
    }
    return out;
  }

  /** Account names from {@code --mode account}. */
  public static List<String> accounts(String text) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("    ")) out.add(line.trim());
    }
    return out;
  }

  private static ObserveException bad(int lineNo, String line) {
    return new ObserveException("unexpected tgtadm output at line " + lineNo + ": " + line);
  }

  private static final class Builder {
    final int tid;
    final String iqn;
    String state = "ready";
    final List<TgtTarget.Lun> luns = new ArrayList<>();
    final List<TgtTarget.Nexus> nexuses = new ArrayList<>();
    final List<String> accounts = new ArrayList<>();
    String outgoing;
    final List<String> acl = new ArrayList<>();

    Builder(int tid, String iqn) {
      this.tid = tid;
      this.iqn = iqn;
    }

    TgtTarget build(LunBuilder lastLun, NexusBuilder lastNexus) {
      if (lastLun != null) luns.add(lastLun.build());
      if (lastNexus != null) nexuses.add(lastNexus.build());
      return new TgtTarget(tid, iqn, state, luns, nexuses, accounts, outgoing, acl);
    }
  }

  private static final class LunBuilder {
    final int lun;
    String type;
    String scsiId;
    String scsiSn;
    long sizeMb;
    boolean online = true;
    String bsType;
    String bsPath;

    LunBuilder(int lun) {
      this.lun = lun;
    }

    void field(String body) {
      int colon = body.indexOf(": ");
      String key = colon < 0 ? body.replace(":", "") : body.substring(0, colon);
      String value = colon < 0 ? "" : body.substring(colon + 2);
      switch (key) {
        case "Type" -> type = value;
        case "SCSI ID" -> scsiId = value;
        case "SCSI SN" -> scsiSn = value;
        case "Size" -> {
          Matcher m = SIZE.matcher(value);
          if (m.matches()) sizeMb = Long.parseLong(m.group(1));
        }
        case "Online" -> online = "Yes".equals(value);
        case "Backing store type" -> bsType = value;
        case "Backing store path" -> bsPath = value;
        default -> {
          // other LUN attributes are not managed
        }
      }
    }

    TgtTarget.Lun build() {
      return new TgtTarget.Lun(lun, type, scsiId, scsiSn, sizeMb, online, bsType, bsPath);
    }
  }

  private static final class NexusBuilder {
    final int id;
    String initiator;
    final List<String> addresses = new ArrayList<>();

    NexusBuilder(int id) {
      this.id = id;
    }

    TgtTarget.Nexus build() {
      return new TgtTarget.Nexus(id, initiator, addresses);
    }
  }
}
