package dev.sanctl.providers.tgt;

import dev.sanctl.spi.provider.Observation;
import java.util.List;

/**
 * What tgt shows on one node, plus the persisted configuration file.
 *
 * @param configFile content of the persisted file, or null when it does not exist
 */
public record TgtObservation(
    List<TgtTarget> targets, List<String> portals, List<String> accounts, String configFile)
    implements Observation {}
