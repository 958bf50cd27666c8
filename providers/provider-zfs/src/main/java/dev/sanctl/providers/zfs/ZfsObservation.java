package dev.sanctl.providers.zfs;

import dev.sanctl.spi.provider.Observation;
import dev.sanctl.spi.provider.VolumeFacts;
import java.util.Map;

/**
 * What {@code zpool list} and {@code zfs list}/{@code zfs get} showed on one node.
 *
 * @param importedPools names of the declared pools imported here
 * @param livePools names of every pool {@code zpool list} showed here (declared or not; empty when
 *     the node neither has the {@code zfs} service nor is listed by a pool)
 * @param poolFree by pool: the root dataset's {@code available} bytes
 * @param datasets by dataset name: filesystems and volumes of the imported declared pools
 */
public record ZfsObservation(
    java.util.Set<String> importedPools,
    java.util.Set<String> livePools,
    Map<String, Long> poolFree,
    Map<String, ZfsDataset> datasets,
    VolumeFacts volumeFacts)
    implements Observation, VolumeFacts.Source {}
