package dev.sanctl.providers.comstar;

import dev.sanctl.spi.provider.Observation;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The COMSTAR state of one illumos node.
 *
 * @param importedPools pools imported here ({@code zpool list})
 * @param stmfHaConfs by stmf-ha pool imported here: the content of its stmf-ha.conf, absent when
 *     the file does not exist
 * @param lus by uppercase GUID
 * @param hostGroups by name: members
 * @param targetGroups by name: members
 * @param targets by IQN: TPG names ({@code tpg-tags}; empty for {@code default})
 * @param tpgs by name: portals {@code addr:port}
 */
public record ComstarObservation(
    Set<String> importedPools,
    Map<String, String> stmfHaConfs,
    Map<String, Lu> lus,
    Map<String, List<String>> hostGroups,
    Map<String, List<String>> targetGroups,
    Map<String, List<String>> targets,
    Map<String, List<String>> tpgs)
    implements Observation {

  /** A logical unit with its view entries. */
  public record Lu(String guid, String dataFile, String serial, String alias, List<View> views) {}

  /** A view entry; host and target group {@code null} for All. */
  public record View(int entry, String hostGroup, String targetGroup, int lun) {}
}
