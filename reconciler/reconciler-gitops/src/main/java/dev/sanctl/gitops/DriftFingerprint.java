package dev.sanctl.gitops;

import dev.sanctl.core.plan.Plan;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.FieldChange;
import dev.sanctl.spi.provider.Finding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Identifies one drift: the SHA-256 of what differs (planned changes with their non-secret field
 * differences, drift and error findings, nodes that cannot be observed), sorted, so the same drift
 * observed again has the same fingerprint and a different drift a different one. Observation
 * digests and times are left out: they change without the drift changing.
 */
public final class DriftFingerprint {
  private DriftFingerprint() {}

  /** True when the plan shows drift: changes, drift or error findings, or unknown nodes. */
  public static boolean drifted(Plan plan) {
    return !items(plan).isEmpty();
  }

  /** The fingerprint of the plan's drift, or null when there is none. */
  public static String of(Plan plan) {
    List<String> items = items(plan);
    if (items.isEmpty()) return null;
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String i : items) {
        sha.update(i.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One line per drift item, sorted. */
  static List<String> items(Plan plan) {
    List<String> out = new ArrayList<>();
    for (Change c : plan.changes()) {
      StringBuilder sb = new StringBuilder("change ").append(c.address()).append(' ');
      sb.append(c.action());
      for (FieldChange f : c.fields()) {
        sb.append(' ').append(f.path()).append('=');
        if (f.sensitive()) sb.append("(sensitive)");
        else sb.append(f.before()).append("->").append(f.after());
      }
      out.add(sb.toString());
    }
    for (Finding f : plan.findings()) {
      if (f.kind() == Finding.Kind.DRIFT || f.kind() == Finding.Kind.ERROR) {
        out.add("finding " + f.kind() + ' ' + f.address() + ' ' + f.message());
      }
    }
    plan.unknownNodes().keySet().forEach(n -> out.add("unknown " + n));
    out.sort(null);
    return out;
  }
}
