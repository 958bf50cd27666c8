package dev.sanctl.snaprotate;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.zfs.ZfsCommands;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Splits deletions into {@code zfs destroy <V>@a,b,c} batches (2.9 step 4). */
public final class DestroyBatches {
  /** At most this many names per destroy call. */
  public static final int MAX_NAMES = 100;

  /** At most this many bytes in the joined {@code <V>@a,b,c} argument. */
  public static final int MAX_BYTES = 65_536;

  private DestroyBatches() {}

  /** Consecutive chunks of {@code names}, in order, within both limits. */
  public static List<List<String>> split(
      String volume, List<String> names, int maxNames, int maxBytes) {
    List<List<String>> out = new ArrayList<>();
    List<String> current = new ArrayList<>();
    int bytes = volume.getBytes(StandardCharsets.UTF_8).length + 1;
    int base = bytes;
    for (String n : names) {
      int add = n.getBytes(StandardCharsets.UTF_8).length + (current.isEmpty() ? 0 : 1);
      if (!current.isEmpty() && (current.size() >= maxNames || bytes + add > maxBytes)) {
        out.add(current);
        current = new ArrayList<>();
        bytes = base;
        add = n.getBytes(StandardCharsets.UTF_8).length;
      }
      current.add(n);
      bytes += add;
    }
    if (!current.isEmpty()) out.add(current);
    return out;
  }

  /** Batches with the default limits. */
  public static List<List<String>> split(String volume, List<String> names) {
    return split(volume, names, MAX_NAMES, MAX_BYTES);
  }

  /** The one destroy argument: {@code <V>@n1,n2,...}. */
  public static String argument(String volume, List<String> names) {
    return volume + "@" + String.join(",", names);
  }

  /** The exact destroy argv: {@code ["zfs","destroy","<V>@n1,n2,..."]}, no flags. */
  public static List<String> argv(String volume, List<String> names) {
    return command(volume, names).argv();
  }

  /** The destroy command of {@link #argv}. */
  public static Command command(String volume, List<String> names) {
    return ZfsCommands.destroy(argument(volume, names));
  }

  /** Destroy argvs for all of {@code names}: comma batches, or one call per name. */
  public static List<List<String>> argvs(String volume, List<String> names, boolean commaSyntax) {
    List<List<String>> out = new ArrayList<>();
    if (commaSyntax) {
      for (List<String> b : split(volume, names)) out.add(argv(volume, b));
    } else {
      for (String n : names) out.add(argv(volume, List.of(n)));
    }
    return out;
  }
}
