package dev.sanctl.sim.lvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's thin_delta against the real one (thin-provisioning-tools, ci/packages.txt) on
 * random pairs of mappings: the metadata is written with {@code thin_restore} to a file and both
 * diff it, plain and {@code --verbose}, each way round. Skipped only where the tools are missing.
 */
class ThinDeltaRealToolTest {
  @TempDir Path dir;

  static boolean installed() {
    for (String p :
        List.of("/usr/sbin/thin_restore", "/sbin/thin_restore", "/usr/bin/thin_restore")) {
      if (Files.isExecutable(Path.of(p))) return true;
    }
    return false;
  }

  private static String run(Path dir, String... argv) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(argv)
            .directory(dir.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", argv));
    return out;
  }

  /** A device sharing some of {@code base}'s blocks, with others rewritten, new or dropped. */
  private static ThinMetadata.Device variant(
      long id, ThinMetadata.Device base, Random r, long[] next) {
    ThinMetadata.Device d = new ThinMetadata.Device(id, 1, 1);
    for (var e : base.map.entrySet()) {
      int dice = r.nextInt(10);
      if (dice < 6) d.map.put(e.getKey(), e.getValue().clone());
      else if (dice < 9) d.map.put(e.getKey(), new long[] {next[0]++, 1});
    }
    int extra = r.nextInt(20);
    for (int i = 0; i < extra; i++) {
      long v = r.nextInt(400);
      if (!d.map.containsKey(v)) d.map.put(v, new long[] {r.nextBoolean() ? next[0]++ : v, 1});
    }
    return d;
  }

  @Test
  void randomMappingsGiveTheRealToolsOutputByteForByte() throws Exception {
    assumeTrue(installed(), "thin-provisioning-tools not installed");
    Random r = new Random(8);
    for (int round = 0; round < 10; round++) {
      long[] next = {1000};
      ThinMetadata.Device origin = new ThinMetadata.Device(1, 0, 1);
      long v = 0;
      while (v < 300) {
        long len = 1 + r.nextInt(30);
        long data = r.nextInt(900);
        for (long i = 0; i < len; i++) origin.map.put(v + i, new long[] {data + i, 0});
        v += len + r.nextInt(12);
      }
      TreeMap<Long, ThinMetadata.Device> devs = new TreeMap<>();
      devs.put(1L, origin);
      devs.put(2L, variant(2, origin, r, next));
      devs.put(3L, variant(3, devs.get(2L), r, next));
      devs.put(4L, new ThinMetadata.Device(4, 1, 1));
      Path xml = dir.resolve("m" + round + ".xml");
      Path meta = dir.resolve("m" + round + ".bin");
      Files.writeString(xml, ThinMetadataXml.xml(2, 5, 4096, devs));
      try (var f = new java.io.RandomAccessFile(meta.toFile(), "rw")) {
        f.setLength(8L << 20);
      }
      run(dir, "thin_restore", "-i", xml.toString(), "-o", meta.toString());
      String header = ThinMetadataXml.liveHeader(2, 5, 4096);
      long[][] pairs = {{1, 2}, {2, 3}, {3, 1}, {2, 4}, {4, 3}};
      for (long[] pair : pairs) {
        for (boolean verbose : new boolean[] {false, true}) {
          String real =
              verbose
                  ? run(
                      dir,
                      "thin_delta",
                      "--verbose",
                      "--snap1",
                      "" + pair[0],
                      "--snap2",
                      "" + pair[1],
                      meta.toString())
                  : run(
                      dir,
                      "thin_delta",
                      "--snap1",
                      "" + pair[0],
                      "--snap2",
                      "" + pair[1],
                      meta.toString());
          assertEquals(
              real,
              ThinDeltaTool.render(
                  header, pair[0], pair[1], devs.get(pair[0]), devs.get(pair[1]), verbose),
              "round " + round + " " + pair[0] + "->" + pair[1] + (verbose ? " verbose" : ""));
        }
      }
    }
  }
}
