package dev.sanctl.core.engine.testing;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.host.HostUnreachableException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A tiny stateful node for engine tests: a key-value store behind the {@code kv} tool ({@code kv
 * list}, {@code kv sessions}, {@code kv set K V}, {@code kv del K}) with initiator sessions per key
 * and fault injection (failing commands, unreachable, ignoring writes).
 */
public final class KvHost implements Host {
  private final String name;
  private final Map<String, String> store = new TreeMap<>();
  private final Map<String, List<String>> sessions = new TreeMap<>();
  private final List<Command> log = new ArrayList<>();
  private Predicate<List<String>> failing = argv -> false;
  private int failTimes;
  private boolean unreachable;
  private boolean ignoreWrites;
  private String ignoredWriteSays = "";
  private Predicate<String> ignoredKeys = k -> false;

  public KvHost(String name) {
    this.name = name;
  }

  public synchronized KvHost put(String key, String value) {
    store.put(key, value);
    return this;
  }

  public synchronized KvHost session(String key, String initiator) {
    sessions.computeIfAbsent(key, k -> new ArrayList<>()).add(initiator);
    return this;
  }

  /** The next {@code times} commands matching {@code argv} exit 1. */
  public synchronized KvHost fail(Predicate<List<String>> argv, int times) {
    this.failing = argv;
    this.failTimes = times;
    return this;
  }

  public synchronized KvHost unreachable(boolean u) {
    this.unreachable = u;
    return this;
  }

  /** Writes exit 0 but change nothing (a broken tool). */
  public synchronized KvHost ignoreWrites(boolean i) {
    this.ignoreWrites = i;
    return this;
  }

  /** Writes exit 0, change nothing and print {@code message} on stderr (a tool that refuses). */
  public synchronized KvHost ignoreWritesSaying(String message) {
    this.ignoreWrites = true;
    this.ignoredWriteSays = message;
    return this;
  }

  /** Writes of the keys {@code keys} accepts exit 0 but change nothing. */
  public synchronized KvHost ignoreWritesOf(Predicate<String> keys) {
    this.ignoredKeys = keys;
    return this;
  }

  public synchronized Map<String, String> store() {
    return Map.copyOf(store);
  }

  public synchronized List<Command> log() {
    return List.copyOf(log);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public synchronized CommandResult run(Command c) throws IOException {
    if (unreachable) throw new HostUnreachableException("connection refused (simulated)");
    log.add(c);
    List<String> a = c.argv();
    if (failTimes > 0 && failing.test(a)) {
      failTimes--;
      return CommandResult.of(1, "", "kv: injected failure\n");
    }
    if (!a.get(0).equals("kv") || a.size() < 2) {
      return CommandResult.of(CommandResult.NOT_FOUND, "", a.get(0) + ": command not found\n");
    }
    switch (a.get(1)) {
      case "list":
        StringBuilder sb = new StringBuilder();
        store.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return CommandResult.of(0, sb.toString(), "");
      case "sessions":
        StringBuilder s = new StringBuilder();
        sessions.forEach((k, l) -> l.forEach(i -> s.append(k).append(' ').append(i).append('\n')));
        return CommandResult.of(0, s.toString(), "");
      case "set":
        if (a.size() != 4) return CommandResult.of(2, "", "usage: kv set KEY VALUE\n");
        if (!ignoreWrites && !ignoredKeys.test(a.get(2))) store.put(a.get(2), a.get(3));
        return CommandResult.of(0, "", ignoreWrites ? ignoredWriteSays : "");
      case "del":
        if (a.size() != 3) return CommandResult.of(2, "", "usage: kv del KEY\n");
        if (!store.containsKey(a.get(2))) return CommandResult.of(1, "", "kv: no such key\n");
        if (!ignoreWrites) store.remove(a.get(2));
        return CommandResult.of(0, "", "");
      default:
        return CommandResult.of(2, "", "kv: unknown subcommand " + a.get(1) + "\n");
    }
  }
}
