package dev.sanctl.spi.model;

import java.util.Map;

/** The {@code targetDefaults} section: LUN io type and target options (values as strings). */
public record TargetDefaults(String io, Map<String, String> options) {
  public static final TargetDefaults NONE = new TargetDefaults("blockio", Map.of());
}
