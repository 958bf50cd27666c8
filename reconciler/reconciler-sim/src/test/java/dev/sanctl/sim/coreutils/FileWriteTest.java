package dev.sanctl.sim.coreutils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.sim.SimCluster;
import dev.sanctl.sim.TestClusters;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.FileWrite;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FileWrite}, the one way sanctl replaces a node file: run by the real {@code /bin/sh} and
 * by the simulator, with the same results: documented modes set before any content, no temporary
 * file left behind when the write fails part-way.
 */
class FileWriteTest {
  @TempDir Path dir;
  Path real;
  SimCluster c;

  @BeforeEach
  void init() throws Exception {
    c = TestClusters.amherst(dir.resolve("sim"));
    real = Files.createDirectories(dir.resolve("real"));
  }

  /** Runs the command with the real shell; paths below {@code /x} are mapped into {@link #real}. */
  private CommandResult realRun(Command cmd) throws Exception {
    List<String> argv = cmd.argv().stream().map(a -> a.replace("/x/", real + "/x/")).toList();
    Process p = new ProcessBuilder(argv).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(cmd.stdin());
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return CommandResult.of(p.waitFor(), out, err.replace(real.toString(), ""));
  }

  private Path realFile(String path) {
    return Path.of(real + path);
  }

  private Path simFile(String path) throws Exception {
    return c.onNode("san1", n -> n.file(path));
  }

  private static String mode(Path f) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(f));
  }

  private static List<String> leftovers(Path d) throws Exception {
    try (var s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(".sanctl-write."))
          .toList();
    }
  }

  private void bothAgree(Command cmd, String path) throws Exception {
    CommandResult r = realRun(cmd);
    CommandResult s = c.host("san1").run(cmd);
    assertEquals(r.exitStatus(), s.exitStatus(), r.err() + " / " + s.err());
    assertEquals(r.err(), s.err());
    assertEquals(r.out(), s.out());
    Path rf = realFile(path);
    Path sf = simFile(path);
    assertEquals(Files.exists(rf), Files.exists(sf));
    if (Files.isRegularFile(rf)) {
      assertEquals(mode(rf), mode(sf));
      assertEquals(Files.readString(rf), Files.readString(sf));
    }
    assertEquals(List.of(), leftovers(rf.getParent()), "temporary file left on the real node");
    assertEquals(List.of(), leftovers(sf.getParent()), "temporary file left in the simulator");
  }

  @Test
  void secretsAre0600OthersAre0644AndALoosenedFileIsTightened() throws Exception {
    byte[] conf = "incominguser web s3cret\n".getBytes(StandardCharsets.UTF_8);
    Command secret = FileWrite.replace("/x/etc/tgt/conf.d/sanctl.conf", "0600", conf, List.of());
    bothAgree(secret, "/x/etc/tgt/conf.d/sanctl.conf");
    assertEquals("rw-------", mode(realFile("/x/etc/tgt/conf.d/sanctl.conf")));
    assertEquals("rwxr-xr-x", mode(realFile("/x/etc/tgt/conf.d")), "parent created 0755");

    Files.setPosixFilePermissions(
        realFile("/x/etc/tgt/conf.d/sanctl.conf"), PosixFilePermissions.fromString("rw-rw-rw-"));
    Files.setPosixFilePermissions(
        simFile("/x/etc/tgt/conf.d/sanctl.conf"), PosixFilePermissions.fromString("rw-rw-rw-"));
    bothAgree(secret, "/x/etc/tgt/conf.d/sanctl.conf");
    assertEquals("rw-------", mode(realFile("/x/etc/tgt/conf.d/sanctl.conf")));

    Command plain =
        FileWrite.replace("/x/etc/iet/initiators.allow", "0644", "ALL ALL\n".getBytes(), List.of());
    bothAgree(plain, "/x/etc/iet/initiators.allow");
    assertEquals("rw-r--r--", mode(realFile("/x/etc/iet/initiators.allow")));
  }

  @Test
  void refusalsAreTheSameAndLeaveNothingBehind() throws Exception {
    Files.createDirectories(realFile("/x/d/sub"));
    c.host("san1").run(Command.change("mkdir", "-p", "/x/d/sub"));
    bothAgree(FileWrite.replace("/x/d/sub", "0644", "a\n".getBytes(), List.of()), "/x/d/sub");

    byte[] whole = "0123456789".getBytes(StandardCharsets.UTF_8);
    Command cut = FileWrite.replace("/x/d/f", "0600", whole, List.of());
    Command truncated =
        new Command(cut.argv(), "01234".getBytes(StandardCharsets.UTF_8), null, true, null);
    bothAgree(truncated, "/x/d/f");
    assertEquals("sanctl-write: /x/d/f: received 5 of 10 bytes\n", realRun(truncated).err());
    assertFalse(Files.exists(realFile("/x/d/f")));
  }

  @Test
  void theModeIsSetBeforeTheContentAndAWriteCutOffMidwayLeavesNoTemporaryFile() throws Exception {
    Path target = realFile("/x/etc/iet/ietd.conf");
    Files.createDirectories(target.getParent());
    Files.writeString(target, "old\n");
    byte[] content = ("IncomingUser web s3cret\n" + "#".repeat(100_000) + "\n").getBytes();
    Command cmd = FileWrite.replace("/x/etc/iet/ietd.conf", "0600", content, List.of());
    List<String> argv = cmd.argv().stream().map(a -> a.replace("/x/", real + "/x/")).toList();
    Process p = new ProcessBuilder(argv).start();
    OutputStream in = p.getOutputStream();
    in.write(content, 0, 4096);
    in.flush();
    Optional<Path> tmp = Optional.empty();
    for (int i = 0; i < 200 && tmp.isEmpty(); i++) {
      try (var s = Files.list(target.getParent())) {
        tmp =
            s.filter(f -> f.getFileName().toString().startsWith(".sanctl-write."))
                .filter(f -> f.toFile().length() > 0)
                .findFirst();
      }
      if (tmp.isEmpty()) Thread.sleep(20);
    }
    assertTrue(tmp.isPresent(), "the temporary file receives the content");
    assertEquals("rw-------", mode(tmp.get()), "mode set while the content arrives");
    in.close(); // the connection drops: the rest never arrives
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    assertEquals(1, p.exitValue());
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(err.contains("received 4096 of " + content.length + " bytes"), err);
    assertEquals(List.of(), leftovers(target.getParent()));
    assertEquals("old\n", Files.readString(target), "the file is untouched");
  }
}
