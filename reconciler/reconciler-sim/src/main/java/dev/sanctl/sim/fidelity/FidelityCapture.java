package dev.sanctl.sim.fidelity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The results of a corpus run, one record per command, in a file a reviewer can read and a test can
 * parse byte for byte:
 *
 * <pre>
 * ### 003 exit 0
 * $ vgs --reportformat json ...
 * --- stdout 123
 * (123 bytes)
 * --- stderr 0
 * (0 bytes)
 * </pre>
 *
 * Each output block is followed by one newline of its own.
 */
public final class FidelityCapture {
  /** What one command did. */
  public record Result(int number, String line, int status, String stdout, String stderr) {}

  private static final Pattern HEAD = Pattern.compile("### (\\d+) exit (\\d+)");
  private static final Pattern BLOCK = Pattern.compile("--- (stdout|stderr) (\\d+)");

  private FidelityCapture() {}

  public static String render(List<Result> results) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (Result r : results) {
      write(b, String.format("### %03d exit %d\n$ %s\n", r.number(), r.status(), r.line()));
      block(b, "stdout", r.stdout());
      block(b, "stderr", r.stderr());
    }
    return b.toString(StandardCharsets.UTF_8);
  }

  private static void block(ByteArrayOutputStream b, String name, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    write(b, "--- " + name + " " + bytes.length + "\n");
    b.writeBytes(bytes);
    write(b, "\n");
  }

  private static void write(ByteArrayOutputStream b, String s) {
    b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  public static List<Result> read(Path file) throws IOException {
    return parse(Files.readAllBytes(file));
  }

  public static List<Result> parse(byte[] data) throws IOException {
    List<Result> out = new ArrayList<>();
    int[] pos = {0};
    while (pos[0] < data.length) {
      Matcher h = HEAD.matcher(line(data, pos));
      if (!h.matches()) throw new IOException("capture: expected '### N exit S' at byte " + pos[0]);
      String cmd = line(data, pos);
      if (!cmd.startsWith("$ ")) throw new IOException("capture: expected '$ command'");
      String stdout = block(data, pos, "stdout");
      String stderr = block(data, pos, "stderr");
      out.add(
          new Result(
              Integer.parseInt(h.group(1)),
              cmd.substring(2),
              Integer.parseInt(h.group(2)),
              stdout,
              stderr));
    }
    return out;
  }

  private static String block(byte[] data, int[] pos, String name) throws IOException {
    Matcher m = BLOCK.matcher(line(data, pos));
    if (!m.matches() || !m.group(1).equals(name)) {
      throw new IOException("capture: expected '--- " + name + " N' at byte " + pos[0]);
    }
    int n = Integer.parseInt(m.group(2));
    String text = new String(data, pos[0], n, StandardCharsets.UTF_8);
    pos[0] += n + 1;
    return text;
  }

  private static String line(byte[] data, int[] pos) {
    int start = pos[0];
    while (pos[0] < data.length && data[pos[0]] != '\n') pos[0]++;
    String s = new String(data, start, pos[0] - start, StandardCharsets.UTF_8);
    pos[0]++;
    return s;
  }
}
