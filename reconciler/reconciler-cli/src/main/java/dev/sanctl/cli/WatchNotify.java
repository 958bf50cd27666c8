package dev.sanctl.cli;

import dev.sanctl.cli.support.ClusterOptions;
import dev.sanctl.cli.support.Session;
import dev.sanctl.core.engine.FileSecretResolver;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.gitops.DriftAlerts;
import dev.sanctl.gitops.SmtpMailer;
import dev.sanctl.spi.model.Alerts;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;

/** {@code sanctl drift --notify}: the daemon's drift alerts for one drift check. */
final class WatchNotify {
  private WatchNotify() {}

  /** Queues and sends the drift alert if any; false (message on err) when mail is not set up. */
  static boolean drift(
      Path configDir, ClusterOptions cluster, Session s, Plan plan, PrintWriter err) {
    Alerts.Email email = s.desired().alerts().email();
    if (email == null) {
      err.println(
          "sanctl: error: --notify needs an alerts.email section in the configuration"
              + " (see docs/gitops.md); nothing was sent");
      return false;
    }
    Path stateDir = cluster.stateDir(configDir);
    DriftAlerts.Notified n =
        DriftAlerts.notify(
            stateDir,
            s.desired(),
            plan,
            new SmtpMailer(email, new FileSecretResolver(configDir)),
            Clock.systemUTC().instant());
    if (n.sent() > 0) err.println("sanctl: " + n.sent() + " alert mail(s) sent");
    if (!n.queued().isEmpty()) {
      err.println(
          "sanctl: "
              + n.queued().size()
              + " alert mail(s) not sent yet ("
              + n.queued().get(0).lastError()
              + "); they stay queued in "
              + stateDir
              + " and go out with the next --notify or sanctl watch");
    }
    err.flush();
    return true;
  }
}
