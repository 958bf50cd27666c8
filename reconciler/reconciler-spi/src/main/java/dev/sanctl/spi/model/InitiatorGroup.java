package dev.sanctl.spi.model;

import java.util.List;

/** A named list of initiator IQNs. */
public record InitiatorGroup(String name, List<String> initiators, SourceRef source) {}
