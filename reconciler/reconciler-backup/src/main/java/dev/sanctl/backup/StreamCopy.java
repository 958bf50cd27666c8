package dev.sanctl.backup;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.host.StreamingProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The streaming transport: {@code sanctl ddless send} on the source node and {@code sanctl ddless
 * receive} on the archive node, started with {@link Host#start}, their standard output relayed to
 * each other's standard input by this process. With a map only the mapped segments cross the
 * network; without one the receiver's checksums decide what is sent. The receiver owns the target
 * and the checksum file.
 */
public final class StreamCopy {
  private static final Pattern NUMBER = Pattern.compile("\"(\\w+)\":(\\d+)");
  private static final Duration TIMEOUT = Duration.ofHours(24);

  private StreamCopy() {}

  /** What the sender reported. */
  public record Result(long segmentsRead, long segmentsChanged, long bytesWritten) {}

  /**
   * Runs one transfer.
   *
   * @param sanctl the sanctl executable on both nodes (e.g. {@code sanctl})
   * @param map the ddmap file on the source node, or null to compare checksums
   * @param workers sender threads reading and hashing the source ({@code ddless send -w})
   */
  public static Result copy(
      String sanctl,
      Host source,
      String device,
      String map,
      int workers,
      Host archive,
      String target,
      String checksum)
      throws IOException {
    List<String> send = new ArrayList<>(List.of(sanctl, "ddless", "send", "-s", device));
    if (map != null) send.addAll(List.of("-m", map));
    if (workers > 1) send.addAll(List.of("-w", Integer.toString(workers)));
    send.add("--json");
    Command receive =
        new Command(
            List.of(sanctl, "ddless", "receive", "-t", target, "-c", checksum, "--json"),
            null,
            TIMEOUT,
            true,
            null);
    try (StreamingProcess r = archive.start(receive);
        StreamingProcess s = source.start(new Command(send, null, TIMEOUT, false, null))) {
      Thread up = relay(s.stdout(), r.stdin(), "ddless-send-to-receive");
      Thread down = relay(r.stdout(), s.stdin(), "ddless-receive-to-send");
      CommandResult sent = s.waitFor();
      CommandResult received = r.waitFor();
      join(up);
      join(down);
      if (!sent.ok()) throw HostFiles.failure("ddless send on " + source.name(), sent);
      if (!received.ok()) throw HostFiles.failure("ddless receive on " + archive.name(), received);
      return parse(sent.err());
    }
  }

  static Result parse(String json) throws IOException {
    long read = -1;
    long changed = -1;
    long written = -1;
    Matcher m = NUMBER.matcher(json);
    while (m.find()) {
      long v = Long.parseLong(m.group(2));
      switch (m.group(1)) {
        case "segmentsRead" -> read = v;
        case "segmentsChanged" -> changed = v;
        case "bytesWritten" -> written = v;
        default -> {}
      }
    }
    if (read < 0 || changed < 0 || written < 0) {
      throw new IOException("ddless send printed no summary: " + json.strip());
    }
    return new Result(read, changed, written);
  }

  private static Thread relay(InputStream in, OutputStream out, String name) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[1 << 16];
              try (InputStream i = in;
                  OutputStream o = out) {
                int n;
                while ((n = i.read(buf)) >= 0) {
                  o.write(buf, 0, n);
                  o.flush();
                }
              } catch (IOException ignored) {
                // the peer ended; its exit status tells why
              }
            },
            name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void join(Thread t) {
    try {
      t.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
