package dev.sanctl.ddless;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** {@code ddless send} and {@code receive} in one test JVM. */
final class StreamPipe {
  private StreamPipe() {}

  /**
   * Runs sender ({@code workers} threads) and receiver connected by two pipes, as over an SSH
   * channel; returns {sender's result, receiver's result}.
   */
  static CopyResult[] run(Path src, Path map, int workers, Path tgt, Path sum) throws Exception {
    PipedOutputStream toReceiver = new PipedOutputStream();
    PipedInputStream receiverIn = new PipedInputStream(toReceiver, 1 << 16);
    PipedOutputStream toSender = new PipedOutputStream();
    PipedInputStream senderIn = new PipedInputStream(toSender, 1 << 16);
    CompletableFuture<CopyResult> receiver =
        CompletableFuture.supplyAsync(
            () -> {
              try (OutputStream o = toSender) {
                return SendReceive.receive(tgt, sum, receiverIn, o);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    CopyResult sent;
    try (OutputStream o = toReceiver) {
      sent = SendReceive.send(src, map, false, 0, workers, senderIn, o);
    }
    return new CopyResult[] {sent, receiver.get()};
  }

  /** What a sender with {@code workers} says to a receiver that wants everything. */
  static byte[] record(Path src, int workers) throws IOException {
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    byte[] replies = new byte[20];
    replies[0] = 'A';
    replies[1] = SendReceive.MODE_EVERYTHING;
    replies[2] = 'R'; // then changed, written (u64 each) and new-file flag, all 0
    SendReceive.send(src, null, false, 0, workers, new ByteArrayInputStream(replies), wire);
    return wire.toByteArray();
  }
}
