package dev.sanctl.gitops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.sanctl.core.engine.FileSecretResolver;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.model.Alerts;
import dev.sanctl.spi.provider.Action;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.FieldChange;
import dev.sanctl.spi.provider.Impact;
import dev.sanctl.spi.provider.ResourceAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.approvaltests.reporters.QuietReporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alert mails through a real SMTP server (GreenMail): content, secrets, queue and backoff. */
class AlertMailTest {
  static final String CHAP_SECRET = "chap-secret-0123456789";
  static final String SMTP_PASSWORD = "smtp-pw-123";
  static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  @TempDir Path tmp;
  GreenMail smtp;
  Path passwordFile;
  Alerts.Email settings;

  int port;

  private void startSmtp() {
    smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.setUser("ops@example.org", "sanctl", SMTP_PASSWORD);
    smtp.start();
  }

  @BeforeEach
  void setUp() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    startSmtp();
    passwordFile = tmp.resolve("smtp.secret");
    Files.writeString(passwordFile, SMTP_PASSWORD + "\n");
    Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
    settings =
        new Alerts.Email(
            "sanctl@example.org",
            List.of("ops@example.org", "oncall@example.org"),
            new Alerts.Smtp("127.0.0.1", port, false, "sanctl", passwordFile.toString()));
  }

  @AfterEach
  void tearDown() {
    smtp.stop();
  }

  /** A plan that sets a CHAP secret: the secret is in a sensitive field and a secret command. */
  static Plan chapPlan() {
    Change c =
        new Change(
            ResourceAddress.of("san-a", "tgt", "target", "iqn.2024-01.org.example:lab.pg.vg.lun-a"),
            Action.UPDATE,
            Impact.NONE,
            "CHAP account alice missing",
            List.of(new FieldChange("chap.incoming.alice.secret", null, CHAP_SECRET, true)),
            List.of(
                Command.change(
                        "tgtadm",
                        "--lld",
                        "iscsi",
                        "--op",
                        "new",
                        "--mode",
                        "account",
                        "--user",
                        "alice",
                        "--password",
                        CHAP_SECRET)
                    .withSecret(CHAP_SECRET)),
            List.of(),
            List.of());
    return new Plan(
        "0123456789abcdef0123456789abcdef01234567",
        "d1",
        List.of("san-a"),
        Map.of("san-a", "x"),
        Map.of(),
        List.of(c),
        List.of(),
        List.of());
  }

  private AlertQueue queueWith(Alert a) {
    AlertQueue q = AlertQueue.load(tmp.resolve("state"));
    q.add(a);
    return q;
  }

  private SmtpMailer mailer() {
    return new SmtpMailer(settings, new FileSecretResolver(tmp));
  }

  @Test
  void aDriftMailHasTextAndHtmlWithThePlanAndNeitherSecret() throws Exception {
    Plan plan = chapPlan();
    Alert a = new AlertMessages("lab").drift(plan.sourceRevision(), plan, false, NOW);
    assertEquals(1, queueWith(a).deliver(mailer(), NOW));

    MimeMessage[] got = smtp.getReceivedMessages();
    assertEquals(2, got.length, "one copy per recipient");
    MimeMessage m = got[0];
    assertEquals("[sanctl] lab: drift detected", m.getSubject());
    assertEquals("drift", m.getHeader("X-Sanctl-Alert")[0]);
    MimeMultipart body = (MimeMultipart) m.getContent();
    assertTrue(body.getContentType().startsWith("multipart/alternative"), body.getContentType());
    String text = (String) body.getBodyPart(0).getContent();
    String html = (String) body.getBodyPart(1).getContent();
    assertTrue(body.getBodyPart(1).isMimeType("text/html"));
    assertTrue(html.contains("<pre>") && html.contains("(sensitive value)"), html);
    String whole = GreenMailUtil.getWholeMessage(m);
    assertFalse(whole.contains(CHAP_SECRET), "the CHAP secret reached the mail");
    assertFalse(whole.contains(SMTP_PASSWORD), "the SMTP password reached the mail");
    Approvals.verify(
        text.replace("\r\n", "\n"),
        new Options().withReporter(new QuietReporter()).forFile().withExtension(".txt"));
  }

  @Test
  void aGroupReadablePasswordFileIsRefusedClearlyAndTheAlertStaysQueued() throws Exception {
    Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-r-----"));
    AlertQueue q = queueWith(new AlertMessages("lab").resolved("abc", "f1", NOW));
    assertEquals(0, q.deliver(mailer(), NOW));
    assertEquals(0, smtp.getReceivedMessages().length);
    Alert left = AlertQueue.load(tmp.resolve("state")).pending().get(0);
    assertEquals(1, left.attempts());
    assertTrue(left.lastError().contains("chmod 600"), left.lastError());
    assertEquals(NOW.plusSeconds(30), left.nextAttempt());
  }

  @Test
  void deliveryBacksOffAndKeepsOrderUntilTheRelayAnswers() throws Exception {
    smtp.stop();
    AlertMessages msg = new AlertMessages("lab");
    AlertQueue q = queueWith(msg.drift("abc", chapPlan(), false, NOW));
    q.add(msg.resolved("abc", "f1", NOW));
    Instant t = NOW;
    for (int i = 1; i <= 3; i++) {
      assertEquals(0, q.deliver(mailer(), t));
      assertEquals(i, q.pending().get(0).attempts());
      t = q.nextAttempt();
    }
    assertEquals(NOW.plus(Duration.ofSeconds(30 + 60 + 120)), t);
    assertEquals(0, q.deliver(mailer(), t.minusSeconds(1)), "not due yet: no attempt");
    assertEquals(3, q.pending().get(0).attempts());
    startSmtp();
    assertEquals(2, q.deliver(mailer(), t));
    MimeMessage[] got = smtp.getReceivedMessages();
    assertEquals("[sanctl] lab: drift detected", got[0].getSubject());
    assertEquals("[sanctl] lab: drift resolved", got[got.length - 1].getSubject());
    assertTrue(AlertQueue.load(tmp.resolve("state")).pending().isEmpty());
  }

  @Test
  void backoffDoublesFromThirtySecondsUpToAnHour() {
    assertEquals(Duration.ofSeconds(30), AlertQueue.backoff(1));
    assertEquals(Duration.ofSeconds(60), AlertQueue.backoff(2));
    assertEquals(Duration.ofSeconds(120), AlertQueue.backoff(3));
    assertEquals(Duration.ofHours(1), AlertQueue.backoff(12));
    assertEquals(Duration.ofHours(1), AlertQueue.backoff(1000));
  }
}
