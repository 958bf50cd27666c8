package dev.sanctl.ssh;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.host.HostUnreachableException;
import dev.sanctl.spi.host.ShellQuoting;
import dev.sanctl.spi.host.StreamingProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;

/**
 * A node reached over SSH (sshj). One connection per node, opened on first use and reused for every
 * command; host keys verified strictly against the pinned known_hosts file; public-key
 * authentication only.
 *
 * <p>SSH has no argv exec, so each command is rendered once by {@link ShellQuoting#join} and run
 * under the remote {@code timeout} utility ({@code env LC_ALL=C timeout -k 5 <seconds> argv...}) so
 * a command that hangs is killed on the node itself, not just abandoned. If the node does not
 * answer even then, the connection is dropped (disconnected, not closed politely) and the command
 * reported as timed out with exit status {@link CommandResult#TIMED_OUT}.
 */
public final class SshHost implements Host {
  /** Output kept per stream; the rest is drained and the result flagged as truncated. */
  private static final Duration GRACE = Duration.ofSeconds(10);

  private final SshEndpoint endpoint;
  private SSHClient client;

  public SshHost(SshEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  public String name() {
    return endpoint.node();
  }

  @Override
  public synchronized CommandResult run(Command command) throws IOException {
    SSHClient ssh = connected();
    Duration timeout = timeoutOf(command);
    String line = ShellQuoting.join(remoteArgv(command.argv(), timeout, endpoint.sudo()));
    long start = System.nanoTime();
    try (Session session = ssh.startSession()) {
      Session.Command cmd = session.exec(line);
      BoundedSink out = new BoundedSink(cmd.getInputStream(), OUTPUT_LIMIT, name() + "-stdout");
      BoundedSink err = new BoundedSink(cmd.getErrorStream(), OUTPUT_LIMIT, name() + "-stderr");
      feed(cmd, command.stdin());
      long waitMillis = timeout.plus(GRACE).toMillis();
      boolean finished = true;
      try {
        cmd.join(waitMillis, TimeUnit.MILLISECONDS);
      } catch (net.schmizz.sshj.connection.ConnectionException e) {
        if (!timedOut(e)) throw e; // the connection died: the node is unreachable, see below
        finished = false;
      }
      if (cmd.getExitStatus() == null && !ssh.getTransport().isRunning()) {
        throw new net.schmizz.sshj.connection.ConnectionException("connection closed");
      }
      if (!finished || (cmd.isOpen() && cmd.getExitStatus() == null)) {
        dropConnection();
        return new CommandResult(
            CommandResult.TIMED_OUT,
            out.bytes(100),
            (name() + ": command did not finish within " + timeout + ": " + command).getBytes(),
            true,
            Duration.ofNanos(System.nanoTime() - start));
      }
      byte[] stdout = out.bytes(waitMillis);
      byte[] stderr = err.bytes(waitMillis);
      Integer status = cmd.getExitStatus();
      if (status != null && status == CommandResult.TIMED_OUT) {
        stderr =
            concat(stderr, name() + ": killed after commandTimeout " + timeout + ": " + command);
      }
      return new CommandResult(
          status == null ? 255 : status,
          stdout,
          stderr,
          out.truncated() || err.truncated(),
          Duration.ofNanos(System.nanoTime() - start));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      dropConnection();
      throw new IOException(name() + ": interrupted", e);
    } catch (TransportException | net.schmizz.sshj.connection.ConnectionException e) {
      dropConnection();
      throw new HostUnreachableException(name() + ": connection lost: " + e.getMessage(), e);
    }
  }

  /** Whether {@code join} gave up waiting (sshj's timeout), not because the connection died. */
  private static boolean timedOut(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.util.concurrent.TimeoutException) return true;
    }
    return false;
  }

  /**
   * Sends standard input and end-of-file. A command that exits without reading its input closes the
   * channel first; like a shell pipeline's writer getting EPIPE, that is not an error: the exit
   * status says what happened.
   */
  private static void feed(Session.Command cmd, byte[] stdin) {
    try (OutputStream in = cmd.getOutputStream()) {
      if (stdin.length > 0) in.write(stdin);
    } catch (IOException closedByTheCommand) {
      // the remote side closed its input
    }
  }

  /**
   * Starts the command in its own exec channel with live standard input and output ({@link
   * Host#start}); the remote {@code timeout} wrapper bounds it as in {@link #run}.
   */
  @Override
  public synchronized StreamingProcess start(Command command) throws IOException {
    SSHClient ssh = connected();
    Duration timeout = timeoutOf(command);
    String line = ShellQuoting.join(remoteArgv(command.argv(), timeout, endpoint.sudo()));
    long start = System.nanoTime();
    Session session = ssh.startSession();
    Session.Command cmd;
    try {
      cmd = session.exec(line);
    } catch (IOException e) {
      session.close();
      throw e;
    }
    BoundedSink err = new BoundedSink(cmd.getErrorStream(), OUTPUT_LIMIT, name() + "-stderr");
    long waitMillis = timeout.plus(GRACE).toMillis();
    return new StreamingProcess() {
      @Override
      public OutputStream stdin() {
        return cmd.getOutputStream();
      }

      @Override
      public java.io.InputStream stdout() {
        return cmd.getInputStream();
      }

      @Override
      public CommandResult waitFor() throws IOException {
        try {
          cmd.join(waitMillis, TimeUnit.MILLISECONDS);
          Integer status = cmd.getExitStatus();
          return new CommandResult(
              status == null ? 255 : status,
              new byte[0],
              err.bytes(waitMillis),
              err.truncated(),
              Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(name() + ": interrupted", e);
        }
      }

      @Override
      public void close() throws IOException {
        session.close();
      }
    };
  }

  private Duration timeoutOf(Command command) {
    return command.timeout() != null ? command.timeout() : endpoint.commandTimeout();
  }

  private static byte[] concat(byte[] stderr, String line) {
    byte[] add = (line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] out = java.util.Arrays.copyOf(stderr, stderr.length + add.length);
    System.arraycopy(add, 0, out, stderr.length, add.length);
    return out;
  }

  /**
   * {@code env LC_ALL=C timeout -k 5 <seconds> [sudo -n --] argv...}: sudo comes last, so the
   * account's sudoers allow-list sees exactly the command sanctl runs (sudo keeps {@code LC_ALL});
   * {@code timeout}, run as the login user, may still signal sudo, which passes it on.
   */
  static List<String> remoteArgv(List<String> argv, Duration timeout, boolean sudo) {
    long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
    List<String> wrapped = new ArrayList<>(List.of("env", "LC_ALL=C", "timeout", "-k", "5"));
    wrapped.add(Long.toString(seconds));
    if (sudo) wrapped.addAll(List.of("sudo", "-n", "--"));
    wrapped.addAll(argv);
    return wrapped;
  }

  private SSHClient connected() throws IOException {
    if (client != null && client.isConnected() && client.isAuthenticated()) return client;
    dropConnection();
    if (!Files.isReadable(endpoint.knownHostsFile())) {
      throw new HostUnreachableException(
          name() + ": known_hosts file " + endpoint.knownHostsFile() + " is missing or unreadable");
    }
    if (!Files.isReadable(endpoint.identityFile())) {
      throw new HostUnreachableException(
          name() + ": identity file " + endpoint.identityFile() + " is missing or unreadable");
    }
    StrictKnownHosts verifier = new StrictKnownHosts(endpoint.knownHostsFile().toFile());
    SSHClient ssh = new SSHClient(new DefaultConfig());
    ssh.addHostKeyVerifier(verifier);
    int bound = (int) Math.min(Integer.MAX_VALUE, endpoint.connectTimeout().toMillis());
    ssh.setConnectTimeout(bound);
    ssh.setTimeout(bound);
    ssh.getTransport().setTimeoutMs(bound);
    String where = endpoint.user() + "@" + endpoint.address() + ":" + endpoint.port();
    try {
      ssh.connect(endpoint.address(), endpoint.port());
      KeyProvider key = ssh.loadKeys(endpoint.identityFile().toString());
      ssh.authPublickey(endpoint.user(), key);
      ssh.getConnection().getKeepAlive().setKeepAliveInterval(30);
      ssh.getSocket().setSoTimeout(0);
    } catch (TransportException e) {
      closeQuietly(ssh);
      String why = verifier.refusal();
      throw new HostUnreachableException(
          name() + " (" + where + "): " + (why != null ? why : describe(e)), e);
    } catch (UserAuthException e) {
      closeQuietly(ssh);
      throw new HostUnreachableException(
          name()
              + " ("
              + where
              + "): public-key authentication with "
              + endpoint.identityFile()
              + " was refused",
          e);
    } catch (IOException e) {
      closeQuietly(ssh);
      throw new HostUnreachableException(name() + " (" + where + "): " + describe(e), e);
    }
    client = ssh;
    return ssh;
  }

  private String describe(IOException e) {
    if (e instanceof java.net.SocketTimeoutException
        || (e.getCause() instanceof java.net.SocketTimeoutException)
        || String.valueOf(e.getMessage()).contains("timed out")
        || String.valueOf(e.getMessage()).contains("Timeout")) {
      return "no answer within connectTimeout " + endpoint.connectTimeout();
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  private void dropConnection() {
    if (client != null) {
      closeQuietly(client);
      client = null;
    }
  }

  private static void closeQuietly(SSHClient ssh) {
    try {
      ssh.disconnect();
    } catch (IOException | RuntimeException ignored) {
      // already gone
    }
  }

  @Override
  public synchronized void close() {
    dropConnection();
  }
}
