package dev.sanctl.sim.zfs;

import dev.sanctl.sim.Getopt;
import dev.sanctl.sim.Getopt.Arg;
import dev.sanctl.sim.zfs.ZfsSim.Dataset;
import dev.sanctl.spi.host.CommandResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code zfs create [-ps] [-b blocksize] [-o property=value]... [-V size] name} of the simulator
 * (live-state-formats 3.3): volumes get {@code volsize} rounded up to the block size, a
 * refreservation unless sparse, and are refused with {@code out of space} when it does not fit in
 * the pool; filesystems take {@code -o} properties; {@code -p} creates missing parents.
 */
final class ZfsCreate {
  private static final Getopt OPTIONS =
      Getopt.options()
          .shortOption('V', Arg.REQUIRED)
          .shortOption('b', Arg.REQUIRED)
          .shortOption('o', Arg.REQUIRED)
          .shortOption('s', Arg.NONE)
          .shortOption('p', Arg.NONE);

  private final ZfsSim zfs;

  ZfsCreate(ZfsSim zfs) {
    this.zfs = zfs;
  }

  CommandResult run(List<String> args) {
    Getopt.Parsed parsed;
    try {
      parsed = OPTIONS.parse(args);
    } catch (Getopt.Error e) {
      return ZfsOptions.refusal(e, zfs.usageText());
    }
    boolean sparse = parsed.has("s");
    boolean parents = parsed.has("p");
    String size = parsed.value("V");
    String blockSize = parsed.value("b");
    Map<String, String> props = new LinkedHashMap<>();
    for (String kv : parsed.values("o")) {
      int eq = kv.indexOf('=');
      if (eq <= 0) return ZfsSim.result(2, "", "missing '=' for -o option\n" + zfs.usageText());
      props.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    List<String> operands = parsed.operands();
    if (operands.isEmpty())
      return ZfsSim.result(2, "", "missing filesystem argument\n" + zfs.usageText());
    if (operands.size() > 1) return ZfsSim.result(2, "", "too many arguments\n" + zfs.usageText());
    String name = operands.get(0);
    boolean volume = size != null;
    if (volume && zfs.dialect() == ZfsSim.Dialect.ZFS_FUSE) {
      return ZfsSim.result(134, "", "internal error: Function not implemented\n");
    }
    if (!volume && (sparse || blockSize != null)) {
      return ZfsSim.result(
          2, "", "'-s' and '-b' can only be used when creating a volume\n" + zfs.usageText());
    }
    String prefix = "cannot create '" + name + "': ";
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.:/-]*")
        || name.endsWith("/")
        || name.contains("//")) {
      return ZfsSim.result(1, "", prefix + "invalid character in name\n");
    }
    if (!name.contains("/")) {
      return ZfsSim.result(1, "", prefix + "missing dataset name\n");
    }
    if (blockSize != null) props.put("volblocksize", blockSize);
    for (var e : props.entrySet()) {
      String p = e.getKey();
      if (p.contains(":")) continue;
      if (!ZfsNative.isNative(p) || ZfsNative.STATISTICS.contains(p)) {
        return ZfsSim.result(1, "", prefix + "invalid property '" + p + "'\n");
      }
      if (!ZfsNative.applies(p, volume)) {
        return ZfsSim.result(
            1, "", prefix + "'" + p + "' does not apply to datasets of this type\n");
      }
      String bad =
          ZfsNative.invalidValue(p, e.getValue(), zfs.dialect() == ZfsSim.Dialect.ZFS_FUSE);
      if (bad != null) return ZfsSim.result(1, "", prefix + bad + "\n");
      e.setValue(ZfsNative.canonical(p, e.getValue()));
    }
    if (zfs.datasets().containsKey(name)) {
      return ZfsSim.result(1, "", prefix + "dataset already exists\n");
    }
    String parent = name.substring(0, name.lastIndexOf('/'));
    Dataset p = zfs.datasets().get(parent);
    if (p == null && !parents) return ZfsSim.result(1, "", prefix + "parent does not exist\n");
    if (p == null && !zfs.datasets().containsKey(ZfsNative.pool(name))) {
      return ZfsSim.result(1, "", prefix + "no such pool '" + ZfsNative.pool(name) + "'\n");
    }
    if (p != null && p.volume) {
      return ZfsSim.result(1, "", prefix + "parent is not a filesystem\n");
    }
    if (volume) {
      long bytes = ZfsNative.parseSize(size);
      if (bytes <= 0) {
        return ZfsSim.result(1, "", prefix + "bad volume size '" + size + "'\n");
      }
      long bs =
          Long.parseLong(
              props.getOrDefault("volblocksize", Long.toString(zfs.defaultVolBlockSize())));
      bytes = (bytes + bs - 1) / bs * bs;
      props.put("volsize", Long.toString(bytes));
      if (!sparse && !props.containsKey("refreservation")) {
        long resv = ZfsNative.reservationFor(bytes, bs);
        if (resv > zfs.poolFree(ZfsNative.pool(name))) {
          return ZfsSim.result(1, "", prefix + "out of space\n");
        }
        props.put("refreservation", Long.toString(resv));
      }
    }
    if (parents) zfs.createFilesystem(parent);
    Dataset d = new Dataset(name, volume, null);
    d.props.putAll(props);
    zfs.datasets().put(name, d);
    return ZfsSim.result(0, "", "");
  }
}
