package dev.sanctl.spi.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A command started with {@link Host#start}: its standard input and output are live byte streams
 * (e.g. the two halves of {@code ddless send}/{@code receive}, relayed by sanctl), standard error
 * is collected (bounded) and returned by {@link #waitFor}.
 */
public interface StreamingProcess extends AutoCloseable {
  /** The command's standard input; close it to signal end of input. */
  OutputStream stdin();

  /** The command's standard output. */
  InputStream stdout();

  /**
   * Waits for the command to end (after its output was consumed) and returns its exit status,
   * standard error and an empty standard output.
   */
  CommandResult waitFor() throws IOException;

  /** Ends the command if it still runs and releases its channel. */
  @Override
  void close() throws IOException;
}
