package dev.sanctl.gitops;

import dev.sanctl.spi.model.Alerts;
import dev.sanctl.spi.provider.PlanContext;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Date;
import java.util.Properties;

/**
 * Sends alerts over SMTP with Angus Mail, as the cluster's {@code alerts.email} says: STARTTLS
 * required unless {@code starttls: false}, login with {@code username} and the password read from
 * {@code passwordFile} (refused when group- or world-readable) at each delivery. Each mail is
 * {@code multipart/alternative}: plain text and HTML. The password never appears in a message, an
 * exception text or the queue.
 */
public final class SmtpMailer implements AlertSender {
  static final int TIMEOUT_MILLIS = 15_000;
  private final Alerts.Email settings;
  private final PlanContext.SecretResolver secrets;

  /**
   * @param secrets reads {@code passwordFile} (absolute paths in the machine's secrets directories,
   *     {@code SecretDirs})
   */
  public SmtpMailer(Alerts.Email settings, PlanContext.SecretResolver secrets) {
    this.settings = settings;
    this.secrets = secrets;
  }

  @Override
  public void send(Alert alert) throws AlertException {
    Alerts.Smtp smtp = settings.smtp();
    String password = null;
    if (smtp.passwordFile() != null) {
      try {
        password = secrets.read(smtp.passwordFile());
      } catch (PlanContext.SecretException e) {
        throw new AlertException("SMTP password: " + e.getMessage(), null);
      }
    }
    Session session = Session.getInstance(properties(smtp, password != null));
    try {
      MimeMessage m = message(session, alert);
      try (Transport t = session.getTransport("smtp")) {
        t.connect(smtp.host(), smtp.port(), smtp.username(), password);
        t.sendMessage(m, m.getAllRecipients());
      }
    } catch (MessagingException e) {
      String why = describe(e);
      if (password != null && !password.isEmpty()) why = why.replace(password, "***");
      throw new AlertException(
          "cannot send mail through " + smtp.host() + ":" + smtp.port() + ": " + why, null);
    }
  }

  private static String describe(MessagingException e) {
    StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
    Throwable c = e.getCause();
    if (c != null && c.getMessage() != null && !sb.toString().contains(c.getMessage())) {
      sb.append(" (").append(c.getMessage()).append(')');
    }
    return sb.toString().replace('\n', ' ').strip();
  }

  private static Properties properties(Alerts.Smtp smtp, boolean auth) {
    Properties p = new Properties();
    p.setProperty("mail.smtp.host", smtp.host());
    p.setProperty("mail.smtp.port", Integer.toString(smtp.port()));
    p.setProperty("mail.smtp.auth", Boolean.toString(auth));
    p.setProperty("mail.smtp.starttls.enable", Boolean.toString(smtp.starttls()));
    p.setProperty("mail.smtp.starttls.required", Boolean.toString(smtp.starttls()));
    p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
    p.setProperty("mail.smtp.connectiontimeout", Integer.toString(TIMEOUT_MILLIS));
    p.setProperty("mail.smtp.timeout", Integer.toString(TIMEOUT_MILLIS));
    p.setProperty("mail.smtp.writetimeout", Integer.toString(TIMEOUT_MILLIS));
    return p;
  }

  private MimeMessage message(Session session, Alert alert) throws MessagingException {
    MimeMessage m = new MimeMessage(session);
    m.setFrom(new InternetAddress(settings.from(), true));
    for (String to : settings.to()) {
      m.addRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
    }
    m.setSubject(alert.subject(), "UTF-8");
    m.setSentDate(Date.from(alert.created()));
    m.setHeader("X-Sanctl-Alert", alert.kind());
    MimeBodyPart text = new MimeBodyPart();
    text.setText(alert.text(), "UTF-8", "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(alert.html(), "UTF-8", "html");
    MimeMultipart body = new MimeMultipart("alternative");
    body.addBodyPart(text);
    body.addBodyPart(html);
    m.setContent(body);
    m.saveChanges();
    return m;
  }
}
