package dev.sanctl.spi.model;

import java.util.List;

/** The {@code alerts} section; {@code email} is null when no e-mail alerts are configured. */
public record Alerts(Email email) {
  public static final Alerts NONE = new Alerts(null);

  /** E-mail alert settings. */
  public record Email(String from, List<String> to, Smtp smtp) {}

  /**
   * SMTP relay; {@code username} and {@code passwordFile} are null for an unauthenticated relay.
   */
  public record Smtp(
      String host, int port, boolean starttls, String username, String passwordFile) {}
}
