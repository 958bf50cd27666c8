package dev.sanctl.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** libiscsi's command-line initiator ({@code iscsi-ls}, {@code iscsi-inq}), as a real initiator. */
final class LibIscsi {
  private static final Pattern TARGET = Pattern.compile("^Target:(\\S+) Portal:.*$");
  private static final Pattern LUN =
      Pattern.compile("^Lun:(\\d+)\\s+Type:DIRECT_ACCESS \\(Size:(\\S+)\\)$");
  private static final Pattern SERIAL = Pattern.compile("^Unit Serial Number:\\[\\s*(\\S*)\\]$");

  private LibIscsi() {}

  /** What {@code iscsi-ls -s} shows one initiator: target IQN with its data LUN numbers. */
  record Seen(String target, List<String> luns) {}

  static List<Seen> discover(String initiator, int port) throws IOException, InterruptedException {
    String out = run("iscsi-ls", "-s", "-i", initiator, "iscsi://127.0.0.1:" + port + "/");
    List<Seen> seen = new ArrayList<>();
    String target = null;
    List<String> luns = new ArrayList<>();
    for (String line : out.split("\n")) {
      Matcher t = TARGET.matcher(line);
      Matcher l = LUN.matcher(line);
      if (t.matches()) {
        if (target != null) seen.add(new Seen(target, luns));
        target = t.group(1);
        luns = new ArrayList<>();
      } else if (l.matches()) {
        luns.add(l.group(1));
      }
    }
    if (target != null) seen.add(new Seen(target, luns));
    return seen;
  }

  /** The unit serial number (VPD page 0x80) of a LUN, as the initiator reads it. */
  static String serial(String initiator, int port, String iqn, int lun)
      throws IOException, InterruptedException {
    String out =
        run(
            "iscsi-inq",
            "-i",
            initiator,
            "-e",
            "1",
            "-c",
            "128",
            "iscsi://127.0.0.1:" + port + "/" + iqn + "/" + lun);
    for (String line : out.split("\n")) {
      Matcher m = SERIAL.matcher(line);
      if (m.matches()) return m.group(1);
    }
    throw new IOException("no serial in iscsi-inq output: " + out);
  }

  /** Whether {@code initiator} can log in to LUN {@code lun} of {@code iqn} ({@code iscsi-inq}). */
  static boolean canLogIn(String initiator, int port, String iqn, int lun)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                "iscsi-inq", "-i", initiator, "iscsi://127.0.0.1:" + port + "/" + iqn + "/" + lun)
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    return p.waitFor() == 0;
  }

  /** The exact capacity in bytes of a LUN ({@code iscsi-readcapacity16 -s}). */
  static long size(String initiator, int port, String iqn, int lun)
      throws IOException, InterruptedException {
    String out =
        run(
            "iscsi-readcapacity16",
            "-s",
            "-i",
            initiator,
            "iscsi://127.0.0.1:" + port + "/" + iqn + "/" + lun);
    return Long.parseLong(out.trim());
  }

  private static String run(String... argv) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }
}
