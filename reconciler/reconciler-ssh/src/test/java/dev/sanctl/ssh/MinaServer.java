package dev.sanctl.ssh;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.shell.ProcessShellFactory;

/** An in-process Apache MINA SSHD on loopback that runs exec requests with {@code /bin/sh -c}. */
final class MinaServer implements AutoCloseable {
  final SshServer server;
  final AtomicInteger sessions = new AtomicInteger();

  MinaServer(Path dir, Path authorizedKeys) throws IOException {
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    SimpleGeneratorHostKeyProvider keys =
        new SimpleGeneratorHostKeyProvider(dir.resolve("hostkey.ser"));
    keys.setAlgorithm("EC");
    keys.setKeySize(256);
    server.setKeyPairProvider(keys);
    server.setPublickeyAuthenticator(new AuthorizedKeysAuthenticator(authorizedKeys));
    server.setCommandFactory(
        (channel, command) ->
            new ProcessShellFactory(command, "/bin/sh", "-c", command).createShell(channel));
    server.addSessionListener(
        new SessionListener() {
          @Override
          public void sessionCreated(Session session) {
            sessions.incrementAndGet();
          }
        });
    server.start();
  }

  int port() {
    return server.getPort();
  }

  PublicKey hostKey() throws Exception {
    KeyPair kp = server.getKeyPairProvider().loadKeys(null).iterator().next();
    return kp.getPublic();
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }
}
