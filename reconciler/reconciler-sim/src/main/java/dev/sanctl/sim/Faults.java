package dev.sanctl.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Injected faults of one node ({@code sim fault}): executables that fail a number of times, an
 * unreachable node, a slow node. Stored in {@code DIR/<node>/faults.state}.
 */
public final class Faults {
  /** Remaining failures per executable name; negative means until cleared. */
  final Map<String, Integer> failing = new LinkedHashMap<>();

  boolean unreachable;

  /** Delay before every command, in milliseconds. */
  long slowMillis;

  boolean isEmpty() {
    return failing.isEmpty() && !unreachable && slowMillis == 0;
  }

  static Faults load(Path file) throws IOException {
    Faults f = new Faults();
    for (List<String> r : StateFile.read(file)) {
      switch (r.get(0)) {
        case "fail" -> f.failing.put(r.get(1), Integer.parseInt(r.get(2)));
        case "unreachable" -> f.unreachable = true;
        case "slow" -> f.slowMillis = Long.parseLong(r.get(1));
        default -> throw new IOException(file + ": unknown record " + r.get(0));
      }
    }
    return f;
  }

  void save(Path file) throws IOException {
    List<List<String>> out = new ArrayList<>();
    failing.forEach((k, v) -> out.add(StateFile.record("fail", k, v)));
    if (unreachable) out.add(StateFile.record("unreachable"));
    if (slowMillis > 0) out.add(StateFile.record("slow", slowMillis));
    StateFile.write(file, out);
  }

  /** Consumes one failure of {@code executable}; true when this run must fail. */
  boolean consumeFailure(String executable) {
    Integer left = failing.get(executable);
    if (left == null) return false;
    if (left > 0) {
      if (left == 1) failing.remove(executable);
      else failing.put(executable, left - 1);
    }
    return true;
  }
}
