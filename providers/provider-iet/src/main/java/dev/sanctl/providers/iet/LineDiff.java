package dev.sanctl.providers.iet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Lines of one file version that the other lacks, counted as a multiset (linear, not n·m). */
final class LineDiff {
  private LineDiff() {}

  /**
   * The lines of {@code from}, in their order, without one occurrence of each line of {@code
   * others} (the earliest ones): what removing each line of {@code others} once from a copy of
   * {@code from} leaves.
   */
  static List<String> minus(List<String> from, List<String> others) {
    Map<String, Integer> toSkip = new HashMap<>();
    for (String l : others) toSkip.merge(l, 1, Integer::sum);
    List<String> out = new ArrayList<>();
    for (String l : from) {
      Integer n = toSkip.get(l);
      if (n == null) {
        out.add(l);
      } else if (n == 1) {
        toSkip.remove(l);
      } else {
        toSkip.put(l, n - 1);
      }
    }
    return out;
  }
}
