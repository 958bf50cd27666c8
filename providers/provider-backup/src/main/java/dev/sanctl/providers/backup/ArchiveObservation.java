package dev.sanctl.providers.backup;

import dev.sanctl.spi.provider.Observation;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The archive side of one node.
 *
 * @param datasets dataset name to property values as {@code zfs get} reports them ({@code type},
 *     {@code volsize}, {@code mountpoint}, the schedule property); absent datasets are missing
 * @param snapshots snapshot names (after {@code @}) of each existing archive volume, sorted
 * @param checksumFiles names of the checksum files in the directory of each existing {@code
 *     <pool>/ddless} filesystem
 */
public record ArchiveObservation(
    Map<String, Map<String, String>> datasets,
    Map<String, List<String>> snapshots,
    Map<String, Set<String>> checksumFiles)
    implements Observation {
  public ArchiveObservation {
    datasets = Map.copyOf(datasets);
    snapshots = Map.copyOf(snapshots);
    checksumFiles = Map.copyOf(checksumFiles);
  }
}
