package dev.sanctl.spi.model;

import java.util.List;
import java.util.Map;

/** A portal group: per node, the addresses targets are served on, all on {@code port}. */
public record PortalGroup(
    String name, int port, Map<String, List<String>> portals, SourceRef source) {}
