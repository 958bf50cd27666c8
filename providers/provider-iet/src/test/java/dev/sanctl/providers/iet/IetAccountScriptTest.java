package dev.sanctl.providers.iet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sanctl.sim.iet.IetAccountPerl;
import dev.sanctl.spi.host.Command;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IET account script sends, byte for byte, the request ietadm sends. {@code ietadm-req.c}
 * declares IET 1.4.20.x's {@code struct ietadm_req} and friends; compiled with gcc it produces the
 * request as ietadm's {@code user_handle_new()} fills it ({@code expect}) and plays ietd's side of
 * the management socket on the real abstract name ({@code serve}): it records what the script sent
 * and answers it as {@code ietadm_request_handle()} does.
 */
class IetAccountScriptTest {
  private static final int EEXIST = -17;

  @TempDir Path tmp;
  private Path helper;
  private Path version;

  @BeforeEach
  void compile() throws Exception {
    Path source = tmp.resolve("ietadm-req.c");
    try (InputStream in = getClass().getResourceAsStream("ietadm-req.c")) {
      Files.write(source, in.readAllBytes());
    }
    helper = tmp.resolve("ietadm-req");
    Process gcc =
        new ProcessBuilder("gcc", "-Wall", "-Werror", "-o", helper.toString(), source.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, gcc.waitFor(), "gcc (ci/packages.txt installs it): " + out);
    version = tmp.resolve("version");
    Files.writeString(version, "1.4.20.3\n");
  }

  @Test
  void simulatorModelsExactlyTheProvidersScript() {
    assertEquals(IetAccountScript.SOURCE, IetAccountPerl.SCRIPT);
  }

  @Test
  void theSecretIsOnlyOnStandardInput() {
    Command c = IetCommands.newUser(3, "IncomingUser", "alice", "Pw-secret-1");
    assertEquals(List.of("perl", "-e", IetAccountScript.SOURCE, "3"), c.argv());
    assertEquals(
        "IncomingUser=alice,Password=Pw-secret-1", new String(c.stdin(), StandardCharsets.UTF_8));
    assertFalse(c.toString().contains("Pw-secret-1"));
  }

  @Test
  void theLayoutIsIet1420s() throws Exception {
    assertEquals("2072 17\n", helper("sizes").out);
  }

  @Test
  void incomingAccountRequestIsIetadmsByteForByte() throws Exception {
    assertSameRequest(7, "IncomingUser", "alice", "s3cr3t-Pw.with=equals");
  }

  @Test
  void outgoingAccountRequestIsIetadmsByteForByte() throws Exception {
    assertSameRequest(4000000000L, "OutgoingUser", "iqn.2026-01.dev.sanctl:bob", "Zz9~!@#$%^&*()");
  }

  @Test
  void longestValuesAreIetadmsByteForByte() throws Exception {
    assertSameRequest(1, "IncomingUser", "u".repeat(255), "p".repeat(255));
  }

  @Test
  void ietdsErrorIsIetadmsMessageAndStatus() throws Exception {
    Result r = againstIetd(EEXIST, 2, "IncomingUser=alice,Password=secret12chars");
    assertEquals(239, r.status);
    assertEquals("File exists.\n", r.err);
    assertEquals("", r.out);
  }

  @Test
  void withoutIetdConnectionRefusedAsIetadm() throws Exception {
    Result r = script(2, "IncomingUser=alice,Password=secret12chars");
    assertEquals(145, r.status);
    assertEquals("Connection refused.\n", r.err);
  }

  @Test
  void anUnverifiedIetVersionIsRefusedBeforeConnecting() throws Exception {
    for (String v : List.of("1.4.19\n", "1.4.20.1\n", "0.4.17\n")) {
      Files.writeString(version, v);
      Result r = script(2, "IncomingUser=alice,Password=secret12chars");
      assertEquals(161, r.status, v);
      assertEquals(
          "sanctl: the loaded IET kernel module (version '"
              + v.strip()
              + "' in "
              + version
              + ") is not IET 1.4.20.2 or 1.4.20.3 (or their svn trunk), whose ietadm protocol"
              + " sanctl speaks; the account was not created\n",
          r.err);
    }
    Files.delete(version);
    assertEquals(161, script(2, "IncomingUser=alice,Password=secret12chars").status);
  }

  @Test
  void aBodyIetadmWouldSendDifferentlyIsRefused() throws Exception {
    for (String body :
        List.of(
            "",
            "IncomingUser=alice",
            "IncomingUser=alice,Password=a,b",
            "IncomingUser= alice,Password=secret",
            "Password=secret,IncomingUser=alice",
            "IncomingUser=alice,Password=" + "p".repeat(256),
            "IncomingUser=alice,Password=secret\n")) {
      Result r = script(2, body);
      assertEquals(234, r.status, body);
      assertEquals("Username and password must be specified\n", r.err, body);
    }
    assertEquals(234, script("x", "IncomingUser=alice,Password=secret").status);
  }

  private void assertSameRequest(long tid, String kind, String user, String secret)
      throws Exception {
    Path got = tmp.resolve("got");
    Result r = againstIetd(0, tid, kind + "=" + user + ",Password=" + secret, got);
    assertEquals(0, r.status, r.err);
    assertEquals("", r.out + r.err);
    Path expected = tmp.resolve("expected");
    Process p =
        new ProcessBuilder(
                helper.toString(),
                "expect",
                Long.toString(tid),
                kind.equals("IncomingUser") ? "0" : "1",
                user,
                secret)
            .redirectOutput(expected.toFile())
            .start();
    assertEquals(0, p.waitFor());
    byte[] want = Files.readAllBytes(expected);
    assertEquals(2072, want.length);
    assertArrayEquals(want, Files.readAllBytes(got));
  }

  private Result againstIetd(int err, long tid, String body) throws Exception {
    return againstIetd(err, tid, body, tmp.resolve("got"));
  }

  /** Runs the script while the helper plays ietd answering {@code err}. */
  private Result againstIetd(int err, long tid, String body, Path got) throws Exception {
    Process ietd =
        new ProcessBuilder(helper.toString(), "serve", Integer.toString(err), got.toString())
            .redirectErrorStream(true)
            .start();
    try {
      String line =
          new BufferedReader(new InputStreamReader(ietd.getInputStream(), StandardCharsets.UTF_8))
              .readLine();
      if (line == null) {
        assumeTrue(ietd.waitFor() != 3, "a real ietd owns IET_ABSTRACT_NAMESPACE here");
      }
      assertEquals("listening", line);
      Result r = script(Long.toString(tid), body);
      assertEquals(0, ietd.waitFor(10, TimeUnit.SECONDS) ? ietd.exitValue() : -1, "fake ietd");
      return r;
    } finally {
      ietd.destroyForcibly();
    }
  }

  private Result script(long tid, String body) throws IOException, InterruptedException {
    return script(Long.toString(tid), body);
  }

  /** Runs the provider's command line (the script with {@code perl -e}) with {@code body}. */
  private Result script(String tid, String body) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("perl", "-e", IetAccountScript.SOURCE, tid);
    pb.environment().put("SANCTL_IET_VERSION_FILE", version.toString());
    Process p = pb.start();
    try (var in = p.getOutputStream()) {
      in.write(body.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(p.waitFor(), out, err);
  }

  private Result helper(String... args) throws Exception {
    List<String> argv = new java.util.ArrayList<>(List.of(helper.toString()));
    argv.addAll(List.of(args));
    Process p = new ProcessBuilder(argv).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(p.waitFor(), out, "");
  }

  private record Result(int status, String out, String err) {}
}
