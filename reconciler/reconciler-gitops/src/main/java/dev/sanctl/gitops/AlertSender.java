package dev.sanctl.gitops;

/** Delivers one alert; an exception leaves it queued for a later attempt. */
@FunctionalInterface
public interface AlertSender {
  void send(Alert alert) throws AlertException;

  /** Delivery failed (relay unreachable, refused, password unreadable); the message says why. */
  final class AlertException extends Exception {
    private static final long serialVersionUID = 1L;

    public AlertException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
