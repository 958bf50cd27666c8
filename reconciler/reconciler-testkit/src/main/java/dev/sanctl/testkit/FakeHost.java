package dev.sanctl.testkit;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.host.HostUnreachableException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A host with declarative replies: {@code FakeHost.named("n1").on("vgs", "--reportformat",
 * "json").reply(0, json)}. Rules are tried newest first, so a test (or a reply function) can
 * re-script the host after a mutating command. A command without a rule fails loudly with an {@link
 * AssertionError}; every command run is recorded.
 */
public final class FakeHost implements Host {
  private final String name;
  private final List<Rule> rules = new ArrayList<>();
  private final List<Command> commands = new ArrayList<>();
  private String unreachable;

  private record Rule(Predicate<Command> matches, Function<Command, CommandResult> reply) {}

  private FakeHost(String name) {
    this.name = name;
  }

  /** A host called {@code name} that knows no command yet. */
  public static FakeHost named(String name) {
    return new FakeHost(name);
  }

  /** Starts a rule for exactly this argument vector. */
  public Stub on(String... argv) {
    List<String> exact = List.of(argv);
    return new Stub(c -> c.argv().equals(exact));
  }

  /** Starts a rule for every argument vector beginning with {@code prefix}. */
  public Stub onPrefix(String... prefix) {
    List<String> p = List.of(prefix);
    return new Stub(c -> c.argv().size() >= p.size() && c.argv().subList(0, p.size()).equals(p));
  }

  /** Starts a rule for commands matching {@code predicate}. */
  public Stub on(Predicate<Command> predicate) {
    return new Stub(predicate);
  }

  /** From now on every command throws {@link HostUnreachableException} with {@code reason}. */
  public synchronized FakeHost unreachable(String reason) {
    this.unreachable = reason;
    return this;
  }

  /** Reachable again. */
  public synchronized FakeHost reachable() {
    this.unreachable = null;
    return this;
  }

  /** The commands run so far, in order. */
  public synchronized List<Command> commands() {
    return List.copyOf(commands);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public synchronized CommandResult run(Command command) throws IOException {
    if (unreachable != null) throw new HostUnreachableException(unreachable);
    commands.add(command);
    for (int i = rules.size() - 1; i >= 0; i--) {
      Rule r = rules.get(i);
      if (r.matches().test(command)) return r.reply().apply(command);
    }
    throw new AssertionError("FakeHost " + name + ": no reply scripted for: " + command);
  }

  /** The second half of a rule. */
  public final class Stub {
    private final Predicate<Command> predicate;

    private Stub(Predicate<Command> predicate) {
      this.predicate = predicate;
    }

    /** Replies with this exit status and standard output. */
    public FakeHost reply(int exit, String stdout) {
      return reply(exit, stdout, "");
    }

    /** Replies with this exit status, standard output and standard error. */
    public FakeHost reply(int exit, String stdout, String stderr) {
      CommandResult r = CommandResult.of(exit, stdout, stderr);
      return respond(c -> r);
    }

    /** Replies by calling {@code f}, which may re-script the host. */
    public FakeHost respond(Function<Command, CommandResult> f) {
      synchronized (FakeHost.this) {
        rules.add(new Rule(predicate, f));
      }
      return FakeHost.this;
    }
  }
}
