package dev.sanctl.core.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LocalHostTest {
  private final LocalHost host = new LocalHost("local");

  @Test
  void feedsStdinAndReturnsItsBytesUnchanged() throws Exception {
    byte[] data = new byte[3 * 1024 * 1024];
    new Random(7).nextBytes(data);
    CommandResult r = host.run(Command.change(data, "cat"));
    assertEquals(0, r.exitStatus());
    assertArrayEquals(data, r.stdout());
    assertFalse(r.truncated());
  }

  @Test
  void argumentsReachTheProgramWithoutAShell() throws Exception {
    CommandResult r = host.run(Command.read("printf", "%s|", "a b", "$(id)", "'q'", ""));
    assertEquals("a b|$(id)|'q'||", r.out());
  }

  @Test
  void reportsExitStatusAndStderr() throws Exception {
    CommandResult r = host.run(Command.read("sh", "-c", "echo oops >&2; exit 3"));
    assertEquals(3, r.exitStatus());
    assertEquals("oops\n", r.err());
  }

  @Test
  void unknownExecutableIs127() throws Exception {
    CommandResult r = host.run(Command.read("/nonexistent/sanctl-no-such-tool", "x"));
    assertEquals(CommandResult.NOT_FOUND, r.exitStatus());
    assertEquals("sh: 1: /nonexistent/sanctl-no-such-tool: not found\n", r.err());
  }

  @Test
  void timeoutKillsTheProcessAndItsChildren() throws Exception {
    Command c =
        Command.read("sh", "-c", "sleep 30 & echo $!; wait").withTimeout(Duration.ofMillis(700));
    long start = System.nanoTime();
    CommandResult r = host.run(c);
    assertEquals(CommandResult.TIMED_OUT, r.exitStatus());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 20);
    long child = Long.parseLong(r.out().strip());
    Thread.sleep(200);
    assertTrue(dead(child), "the backgrounded sleep must be killed too");
  }

  /** Gone, or a zombie waiting for a reaper (a container's PID 1 may never reap it). */
  private static boolean dead(long pid) throws java.io.IOException {
    java.nio.file.Path stat = java.nio.file.Path.of("/proc/" + pid + "/stat");
    if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) return true;
    if (!java.nio.file.Files.exists(stat)) return true;
    String s = java.nio.file.Files.readString(stat);
    return s.substring(s.lastIndexOf(')') + 2).startsWith("Z");
  }

  @Test
  void hugeOutputIsBoundedAndFlagged() throws Exception {
    LocalHost small = new LocalHost("local", Duration.ofMinutes(1), 1 << 20);
    CommandResult r = small.run(Command.read("head", "-c", "5000000", "/dev/zero"));
    assertEquals(0, r.exitStatus());
    assertEquals(1 << 20, r.stdout().length);
    assertTrue(r.truncated());
  }

  @Test
  void defaultBoundIsSixteenMebibytes() throws Exception {
    CommandResult r = host.run(Command.read("head", "-c", "17000000", "/dev/zero"));
    assertEquals(LocalHost.OUTPUT_LIMIT, r.stdout().length);
    assertTrue(r.truncated());
    assertEquals(List.of("local"), List.of(host.name()));
  }
}
