package dev.sanctl.testkit;

import dev.sanctl.core.engine.HostFactory;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Wraps a host and records every command with its result, for assertions ("observe ran only
 * read-only commands") and approval files of the exact command lines a run issued.
 */
public final class RecordingHost implements Host {
  private final Host delegate;
  private final List<Entry> entries = new ArrayList<>();

  /** A recorded command and what it returned ({@code result} null when the host threw). */
  public record Entry(Command command, CommandResult result) {}

  /**
   * A host factory that opens each node's host with {@code factory} once, wrapped in a recording
   * host kept in {@code recorders} by node name.
   */
  public static HostFactory recording(HostFactory factory, Map<String, RecordingHost> recorders) {
    return (node, d) ->
        recorders.computeIfAbsent(
            node.name(),
            n -> {
              try {
                return new RecordingHost(factory.open(node, d));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  public RecordingHost(Host delegate) {
    this.delegate = delegate;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public CommandResult run(Command command) throws IOException {
    CommandResult r = null;
    try {
      r = delegate.run(command);
      return r;
    } finally {
      synchronized (entries) {
        entries.add(new Entry(command, r));
      }
    }
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }

  /** Everything recorded, in order. */
  public List<Entry> entries() {
    synchronized (entries) {
      return List.copyOf(entries);
    }
  }

  /** The commands recorded, in order. */
  public List<Command> commands() {
    return entries().stream().map(Entry::command).toList();
  }

  /** The recorded commands that change the node. */
  public List<Command> mutating() {
    return commands().stream().filter(Command::mutating).toList();
  }

  /** The command lines (secrets masked), one per command, for approval files. */
  public List<String> lines() {
    return commands().stream().map(Command::toString).toList();
  }

  /** Forgets what was recorded. */
  public void clear() {
    synchronized (entries) {
      entries.clear();
    }
  }
}
