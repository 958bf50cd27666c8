package dev.sanctl.gitops;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.sanctl.core.config.ConfigLoader;
import dev.sanctl.core.engine.Engine;
import dev.sanctl.core.engine.FileSecretResolver;
import dev.sanctl.core.provider.ProviderRegistry;
import dev.sanctl.sim.SimCluster;
import dev.sanctl.testkit.MutableClock;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A followed git repository, a simulated one-node cluster with a files volume group, an SMTP server
 * (GreenMail, not started until {@link #startSmtp()}) and a reconciler on a test clock.
 */
final class Cluster implements AutoCloseable {
  static final String VG_PATH = TestConfigs.VG_PATH;
  final GitFixture git;
  final Path stateDir;
  final Path simDir;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
  final StringWriter log = new StringWriter();
  final int smtpPort;
  final Path passwordFile;
  GreenMail smtp;
  SimCluster sim;

  /** How many times an engine opened a node (observing it). */
  final java.util.concurrent.atomic.AtomicInteger hostsOpened =
      new java.util.concurrent.atomic.AtomicInteger();

  Cluster(Path tmp) throws Exception {
    git = new GitFixture(tmp);
    stateDir = tmp.resolve("state");
    simDir = tmp.resolve("sim");
    try (ServerSocket s = new ServerSocket(0)) {
      smtpPort = s.getLocalPort();
    }
    passwordFile = tmp.resolve("smtp.secret");
    Files.writeString(passwordFile, "smtp-pw-123\n");
    Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
  }

  /** Pushes cluster.yaml and lvm.yaml; creates the simulator from the first configuration. */
  String push(String message, String policy, String... volumeLines) throws Exception {
    String id =
        git.push(
            message,
            "cluster.yaml",
            TestConfigs.clusterYaml(policy, smtpPort, passwordFile),
            "lvm.yaml",
            TestConfigs.volumes(volumeLines));
    if (sim == null) {
      sim = SimCluster.init(simDir, ConfigLoader.loadDirectory(git.work).state(), 1L << 34);
    }
    return id;
  }

  Reconciler reconciler() {
    return new Reconciler(
        new RepoFollower(git.bare.toString(), "main", stateDir),
        stateDir,
        d ->
            new Engine(
                ProviderRegistry.load(),
                (node, desired) -> {
                  hostsOpened.incrementAndGet();
                  return sim.host(node.name());
                },
                new FileSecretResolver(stateDir)),
        e -> new SmtpMailer(e, new FileSecretResolver(stateDir)),
        clock,
        new Reconciler.Intervals(Duration.ofMinutes(1), Duration.ofHours(1)),
        new PrintWriter(log, true));
  }

  void startSmtp() {
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.setUser("ops@example.org", "sanctl", "smtp-pw-123");
    smtp.start();
  }

  boolean fileExists(String volume) throws IOException {
    return sim.run("san-a", "stat", "--", VG_PATH + "/" + volume + ".img").exitStatus() == 0;
  }

  /** Received mails as subject and plain-text body. */
  List<Mail> mails() throws Exception {
    List<Mail> out = new ArrayList<>();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      MimeMultipart mp = (MimeMultipart) m.getContent();
      out.add(
          new Mail(
              m.getSubject(),
              (String) mp.getBodyPart(0).getContent(),
              (String) mp.getBodyPart(1).getContent()));
    }
    return out;
  }

  record Mail(String subject, String text, String html) {}

  @Override
  public void close() {
    if (smtp != null) smtp.stop();
    git.close();
  }
}
