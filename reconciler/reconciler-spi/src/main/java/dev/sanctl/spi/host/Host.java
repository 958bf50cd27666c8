package dev.sanctl.spi.host;

import java.io.IOException;

/**
 * The only way to touch a node. Implementations: local processes, SSH, and the simulator; a
 * provider never knows which one it talks to.
 *
 * <p>Contract: {@link #run} executes exactly the argument vector given (over SSH rendered by {@link
 * ShellQuoting#join}), feeds {@link Command#stdin()}, enforces the timeout (a timed-out command is
 * killed, not left running, and reported with {@link CommandResult#TIMED_OUT}) and returns the exit
 * status and bounded output. It throws {@link IOException} only when the node cannot be reached or
 * the transport fails; then the node is <em>unknown</em> for this run.
 */
public interface Host extends AutoCloseable {
  /**
   * Bytes of standard output and of standard error that {@link #run} keeps, each (16 MiB); the rest
   * is read and dropped and the result is {@link CommandResult#truncated()}. Every host (local,
   * SSH, simulator) keeps this much, so that callers size their ranged reads by it.
   */
  int OUTPUT_LIMIT = 16 * 1024 * 1024;

  /** The node name from the desired state. */
  String name();

  /** Runs one command. */
  CommandResult run(Command command) throws IOException;

  /**
   * Starts one command with streaming standard input and output, for data that does not fit the
   * bounded {@link #run} (the ddless send/receive transport of backups). The argument vector is
   * executed exactly as by {@link #run} ({@link Command#stdin()} is ignored: write to {@link
   * StreamingProcess#stdin()}); the timeout applies as in {@link #run}. Hosts that cannot stream
   * (the default) throw {@link UnsupportedOperationException}; callers then fall back to ranged
   * {@link #run} commands.
   *
   * @throws IOException when the node cannot be reached or the command cannot be started
   */
  default StreamingProcess start(Command command) throws IOException {
    throw new UnsupportedOperationException(name() + ": streaming commands are not supported");
  }

  @Override
  default void close() throws IOException {}
}
