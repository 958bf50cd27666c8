package dev.sanctl.providers.files;

import dev.sanctl.spi.provider.Observation;
import dev.sanctl.spi.provider.VolumeFacts;
import java.util.Map;

/**
 * What {@code stat} showed of the file-backed volume groups on one node.
 *
 * @param directories by group name: whether its directory exists
 * @param files by absolute path: the size of each existing volume file
 */
public record FilesObservation(
    Map<String, Boolean> directories, Map<String, Long> files, VolumeFacts volumeFacts)
    implements Observation, VolumeFacts.Source {}
