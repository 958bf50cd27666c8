package dev.sanctl.sim.zfs;

import dev.sanctl.sim.Getopt;
import dev.sanctl.sim.Getopt.Arg;
import dev.sanctl.sim.zfs.ZfsSim.Dataset;
import dev.sanctl.sim.zfs.ZfsSim.Snap;
import dev.sanctl.spi.host.CommandResult;
import java.util.List;
import java.util.Map;

/**
 * {@code zfs set} with native properties and {@code zfs inherit} of the simulator. Growing a thick
 * volume's {@code volsize} raises its refreservation with it and fails with {@code size is greater
 * than available space} when the pool cannot hold it; a {@code volsize} that is not a multiple of
 * the block size is refused as libzfs does.
 */
final class ZfsSet {
  private static final Getopt INHERIT_OPTIONS =
      Getopt.options().shortOption('r', Arg.NONE).shortOption('S', Arg.NONE);

  private final ZfsSim zfs;

  ZfsSet(ZfsSim zfs) {
    this.zfs = zfs;
  }

  /** {@code zfs set k=v... targets} where some {@code k} is native. */
  CommandResult set(List<String[]> kvs, List<String> targets) {
    StringBuilder err = new StringBuilder();
    for (String t : targets) {
      String prefix = "cannot set property for '" + t + "': ";
      Object o = zfs.find(t);
      if (o == null) {
        err.append("cannot open '").append(t).append("': dataset does not exist\n");
        continue;
      }
      for (String[] kv : kvs) {
        String p = kv[0];
        if (p.contains(":")) continue;
        if (!ZfsNative.isNative(p))
          return ZfsSim.result(1, "", prefix + "invalid property '" + p + "'\n");
        if (!ZfsNative.settable(p) || o instanceof Snap) {
          return ZfsSim.result(1, "", prefix + "'" + p + "' is readonly\n");
        }
        Dataset d = (Dataset) o;
        if (!ZfsNative.applies(p, d.volume)) {
          return ZfsSim.result(
              1, "", prefix + "'" + p + "' does not apply to datasets of this type\n");
        }
        String bad = ZfsNative.invalidValue(p, kv[1], zfs.dialect() == ZfsSim.Dialect.ZFS_FUSE);
        if (bad != null) return ZfsSim.result(1, "", prefix + bad + "\n");
      }
      String failed = apply((o instanceof Dataset d) ? d : null, o, kvs, prefix);
      if (failed != null) err.append(failed);
    }
    return ZfsSim.result(err.length() == 0 ? 0 : 1, "", err.toString());
  }

  private String apply(Dataset d, Object o, List<String[]> kvs, String prefix) {
    Map<String, String> props = o instanceof Snap s ? s.props : d.props;
    for (String[] kv : kvs) {
      if (kv[0].equals("volsize")) {
        String failed = resize(d, ZfsNative.parseSize(kv[1]), prefix);
        if (failed != null) return failed;
      } else if (kv[0].contains(":")) {
        props.put(kv[0], kv[1]);
      } else {
        props.put(kv[0], ZfsNative.canonical(kv[0], kv[1]));
      }
    }
    return null;
  }

  private String resize(Dataset d, long bytes, String prefix) {
    long bs =
        Long.parseLong(
            d.props.getOrDefault("volblocksize", Long.toString(zfs.defaultVolBlockSize())));
    if (bytes <= 0) return prefix + "'volsize' must be greater than zero\n";
    if (bytes % bs != 0) {
      return prefix
          + "'volsize' must be a multiple of volume block size ("
          + ZfsNative.nicenum(bs)
          + ")\n";
    }
    long old = Long.parseLong(d.props.getOrDefault("volsize", "0"));
    String resv = d.props.get("refreservation");
    boolean thick = resv != null && Long.parseLong(resv) == ZfsNative.reservationFor(old, bs);
    if (thick) {
      long grown = ZfsNative.reservationFor(bytes, bs);
      if (grown - Long.parseLong(resv) > zfs.poolFree(ZfsNative.pool(d.name))) {
        return prefix + "size is greater than available space\n";
      }
      d.props.put("refreservation", Long.toString(grown));
    }
    d.props.put("volsize", Long.toString(bytes));
    return null;
  }

  /** {@code zfs inherit [-r] property dataset...}: removes the local value. */
  CommandResult inherit(List<String> args) {
    Getopt.Parsed parsed;
    try {
      parsed = INHERIT_OPTIONS.parse(args);
    } catch (Getopt.Error e) {
      return ZfsOptions.refusal(e, zfs.usageText());
    }
    args = parsed.operands();
    int i = 0;
    if (args.size() < 2) return ZfsSim.result(2, "", "missing arguments\n" + zfs.usageText());
    String p = args.get(i);
    boolean user = p.contains(":");
    if (!user && !ZfsNative.isNative(p)) {
      return ZfsSim.result(2, "", "invalid property '" + p + "'\n" + zfs.usageText());
    }
    if (!user && !ZfsNative.INHERITED_DEFAULTS.containsKey(p) && !p.equals("mountpoint")) {
      return ZfsSim.result(1, "", "'" + p + "' property cannot be inherited\n");
    }
    StringBuilder err = new StringBuilder();
    for (String t : args.subList(i + 1, args.size())) {
      Object o = zfs.find(t);
      if (o instanceof Snap s) s.props.remove(p);
      else if (o instanceof Dataset d) d.props.remove(p);
      else err.append("cannot open '").append(t).append("': dataset does not exist\n");
    }
    return ZfsSim.result(err.length() == 0 ? 0 : 1, "", err.toString());
  }
}
