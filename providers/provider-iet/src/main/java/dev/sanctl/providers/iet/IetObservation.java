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
 * @param liveParams the running parameters ({@code ietadm --op show}, {@code Name=Value} as
 *     printed) by tid, only of the desired targets whose {@code ietd.conf} stanza is missing or
 *     records other parameters than desired (see {@link IetLiveParams})
 */
public record IetObservation(
    IetRuntime runtime,
    Map<String, String> etc,
    Map<String, Map<String, String>> meta,
    Map<Integer, Map<String, String>> liveParams)
    implements Observation {
  public IetObservation {
    etc = Collections.unmodifiableMap(new LinkedHashMap<>(etc));
    Map<Integer, Map<String, String>> live = new LinkedHashMap<>();
    liveParams.forEach((k, v) -> live.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    liveParams = Collections.unmodifiableMap(live);
    Map<String, Map<String, String>> m = new LinkedHashMap<>();
    meta.forEach((k, v) -> m.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    meta = Collections.unmodifiableMap(m);
  }

  /** The parsed {@code /etc/iet/ietd.conf}. */
  public IetdConf config() {
    return IetdConf.parse(etc.getOrDefault(IetConfigRenderer.IETD_CONF, ""));
  }
}
