package dev.sanctl.providers.iet;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.Target;
import dev.sanctl.spi.model.TargetState;
import dev.sanctl.spi.provider.ObserveException;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The running parameters of targets, as {@code ietadm --op show --tid=N} (target keys) and {@code
 * ietadm --op show --tid=N --sid=0} (configured session keys) print them: {@code Name=Value} lines.
 *
 * <p>They are read only where {@code ietd.conf} cannot be trusted: for a running desired target
 * whose stanza is missing or records other parameters than desired. When the stanza records the
 * desired parameters (the common case) no command is run. Only the kind of keys the desired
 * parameters use is shown, so a target costs at most two commands.
 */
final class IetLiveParams {
  /** Target keys ({@code key_target} of IET {@code usr/param.c}); the others are session keys. */
  static final Set<String> TARGET_KEYS =
      Set.of("wthreads", "type", "queuedcommands", "nopinterval", "noptimeout");

  /**
   * Marker intervals: {@code ietadm --op update} accepts any value but keeps the kernel's, and
   * {@code show} prints {@code Reject} or {@code Irrelevant}; they cannot be compared.
   */
  private static final Set<String> NOT_COMPARABLE = Set.of("ofmarkint", "ifmarkint");

  private static final int ENOENT_EXIT = 254;

  private IetLiveParams() {}

  /**
   * True when {@code stanza} exists and records exactly {@code desired} (keys case-insensitive).
   */
  static boolean recordedAsDesired(IetdConf.Stanza stanza, Map<String, String> desired) {
    return stanza != null && lower(stanza.options()).equals(lower(desired));
  }

  /**
   * Reads the live parameters of every running ONLINE target of the desired state whose {@code
   * ietd.conf} stanza is not {@link #recordedAsDesired} (an empty map when no desired key can be
   * compared); a target that vanished meanwhile is left out.
   *
   * @throws ObserveException when {@code ietadm} fails otherwise (for example ietd not running)
   */
  static Map<Integer, Map<String, String>> observe(
      Host host, IetRuntime runtime, IetdConf conf, DesiredState desired) throws IOException {
    Map<String, Map<String, String>> optionsByIqn = new HashMap<>();
    for (Target t : desired.targets()) {
      // IetPlanner compares live parameters of ONLINE targets only
      if (t.state() == TargetState.ONLINE) optionsByIqn.put(desired.iqnOf(t), t.options());
    }
    Map<Integer, Map<String, String>> out = new LinkedHashMap<>();
    for (IetRuntime.Target rt : runtime.targets().values()) {
      Map<String, String> options = optionsByIqn.get(rt.name());
      if (options == null) continue;
      if (recordedAsDesired(conf.targets().get(rt.name()), options)) continue;
      boolean targetKeys = false;
      boolean sessionKeys = false;
      for (String k : options.keySet()) {
        String key = k.toLowerCase(Locale.ROOT);
        if (!comparable(key)) continue;
        if (TARGET_KEYS.contains(key)) targetKeys = true;
        else sessionKeys = true;
      }
      Map<String, String> live = new LinkedHashMap<>();
      String tid = "--tid=" + rt.tid();
      if (targetKeys && !show(host, live, "ietadm", "--op", "show", tid)) continue;
      if (sessionKeys && !show(host, live, "ietadm", "--op", "show", tid, "--sid=0")) continue;
      out.put(rt.tid(), live);
    }
    return out;
  }

  /** Runs one {@code show} into {@code into}; false when the target no longer exists. */
  private static boolean show(Host host, Map<String, String> into, String... argv)
      throws IOException {
    CommandResult r = host.run(Command.read(argv));
    if (r.exitStatus() == ENOENT_EXIT) return false;
    if (!r.ok()) {
      throw new ObserveException(
          "cannot read the running target parameters with '"
              + String.join(" ", argv)
              + "' (exit "
              + r.exitStatus()
              + "): "
              + r.err().strip());
    }
    into.putAll(parse(r.out()));
    return true;
  }

  /** {@code Name=Value} lines; keys lower-cased (IET compares them case-insensitively). */
  static Map<String, String> parse(String show) {
    return IetdConf.nameValues(show, "\n");
  }

  /**
   * The desired parameters {@code ietadm} can set that differ from {@code live} (lower-case keys),
   * in desired order, with the live value (null when not shown).
   */
  static Map<String, String> differing(Map<String, String> desired, Map<String, String> live) {
    Map<String, String> out = new LinkedHashMap<>();
    desired.forEach(
        (k, v) -> {
          String key = k.toLowerCase(Locale.ROOT);
          if (!comparable(key)) return;
          String have = live.get(key);
          if (!sameValue(v, have)) out.put(k, have);
        });
    return out;
  }

  /** True when {@code key} (lower-case) is settable by {@code ietadm} and can be compared live. */
  private static boolean comparable(String key) {
    return IetUpdatableParams.KEYS.contains(key) && !NOT_COMPARABLE.contains(key);
  }

  /** Equal as ietadm prints them; numbers compare by value ({@code 0x10} is {@code 16}). */
  private static boolean sameValue(String want, String have) {
    if (Objects.equals(want, have)) return true;
    Long a = number(want);
    return a != null && a.equals(number(have));
  }

  private static Long number(String s) {
    if (s == null) return null;
    try {
      return Long.decode(s.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static Map<String, String> lower(Map<String, String> m) {
    Map<String, String> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
    return out;
  }
}
