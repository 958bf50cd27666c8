package dev.sanctl.spi.provider;

import java.util.List;

/**
 * Optional trait of a provider: human-readable live status of one node for {@code sanctl status
 * --live} (e.g. a target provider lists each target with its logged-in initiators). Pure: it only
 * reads the observation.
 */
public interface StatusReporter {
  /** Lines describing {@code observation} of {@code node}, in a stable order. */
  List<String> status(String node, Observation observation);
}
