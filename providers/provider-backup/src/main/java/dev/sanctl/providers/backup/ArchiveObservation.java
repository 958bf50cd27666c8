package dev.sanctl.providers.backup;

import dev.sanctl.spi.provider.Observation;
import java.util.Map;

/**
 * The archive datasets of one node as {@code zfs get} reports them: dataset name to property
 * values ({@code type}, {@code volsize}, the schedule property); absent datasets are missing.
 */
public record ArchiveObservation(Map<String, Map<String, String>> datasets)
    implements Observation {
  public ArchiveObservation {
    datasets = Map.copyOf(datasets);
  }
}
