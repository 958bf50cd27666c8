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
 * @param config the parsed {@code /etc/iet/ietd.conf} of {@code etc}, parsed once: planning reads
 *     it for every node several times
 */
public record IetObservation(
    IetRuntime runtime,
    Map<String, String> etc,
    Map<String, Map<String, String>> meta,
    Map<Integer, Map<String, String>> liveParams,
    IetdConf config)
    implements Observation {
  public IetObservation {
    etc = Collections.unmodifiableMap(new LinkedHashMap<>(etc));
    if (config == null) config = config(etc);
    meta = deepCopy(meta);
    liveParams = deepCopy(liveParams);
  }

  /** An unmodifiable copy of {@code m} with unmodifiable copies of its inner maps, in order. */
  private static <K> Map<K, Map<String, String>> deepCopy(Map<K, Map<String, String>> m) {
    Map<K, Map<String, String>> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    return Collections.unmodifiableMap(out);
  }

  /** The parsed {@code ietd.conf} of {@code etc} ({@code /etc/iet} contents by file name). */
  static IetdConf config(Map<String, String> etc) {
    return IetdConf.parse(etc.getOrDefault(IetConfigRenderer.IETD_CONF, ""));
  }
}
