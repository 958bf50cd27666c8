package dev.sanctl.providers.iet;

import dev.sanctl.spi.values.IetOptionKey;
import dev.sanctl.spi.values.IetOptionValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The target options a running target takes with {@code ietadm --op update}. */
final class IetUpdatableParams {
  private IetUpdatableParams() {}

  /** Keys {@code ietadm --op update} accepts (IET {@code usr/param.c} target and session keys). */
  static final Set<String> KEYS =
      Set.of(
          "wthreads",
          "type",
          "queuedcommands",
          "nopinterval",
          "noptimeout",
          "initialr2t",
          "immediatedata",
          "maxconnections",
          "maxrecvdatasegmentlength",
          "maxxmitdatasegmentlength",
          "maxburstlength",
          "firstburstlength",
          "defaulttime2wait",
          "defaulttime2retain",
          "maxoutstandingr2t",
          "datapduinorder",
          "datasequenceinorder",
          "errorrecoverylevel",
          "headerdigest",
          "datadigest",
          "ofmarker",
          "ifmarker",
          "ofmarkint",
          "ifmarkint");

  /**
   * The {@code --params} value ({@code Key=Value,...}) of the updatable ones of {@code options},
   * each checked against the IET option syntax; empty when there are none.
   */
  static String of(Map<String, String> options) {
    List<String> out = new ArrayList<>();
    options.forEach(
        (k, v) -> {
          if (KEYS.contains(k.toLowerCase(Locale.ROOT))) {
            out.add(IetOptionKey.KIND.require(k) + "=" + IetOptionValue.KIND.require(v, k));
          }
        });
    return String.join(",", out);
  }
}
