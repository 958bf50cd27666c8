package dev.sanctl.spi.model;

import java.util.Map;

/** The {@code iet} section: global ietd.conf options (rendered values, in source order). */
public record IetGlobal(Map<String, String> global) {
  public static final IetGlobal NONE = new IetGlobal(Map.of());
}
