package dev.sanctl.providers.iet;

import dev.sanctl.spi.provider.Observation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the iet provider saw on one node: the running targets and the config files, a missing file
 * read as empty.
 *
 * @param etc {@code /etc/iet/<file>} contents by file name
 * @param meta per volume group with a meta volume on this node's list: {@code
 *     <mountPoint>/iet/<file>} contents by file name (empty where the group is not mounted)
 */
public record IetObservation(
    IetRuntime runtime, Map<String, String> etc, Map<String, Map<String, String>> meta)
    implements Observation {
  public IetObservation {
    etc = Collections.unmodifiableMap(new LinkedHashMap<>(etc));
    Map<String, Map<String, String>> m = new LinkedHashMap<>();
    meta.forEach((k, v) -> m.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    meta = Collections.unmodifiableMap(m);
  }

  /** The parsed {@code /etc/iet/ietd.conf}. */
  public IetdConf config() {
    return IetdConf.parse(etc.getOrDefault(IetConfigRenderer.IETD_CONF, ""));
  }
}
