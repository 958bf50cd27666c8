package dev.sanctl.providers.files;

import dev.sanctl.spi.provider.Observation;
import dev.sanctl.spi.provider.VolumeFacts;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one {@code stat} showed on a node: for every files volume group the node is listed for,
 * whether its directory exists and the size of each expected {@code <name>.img}.
 */
public record FilesObservation(Map<String, Group> groups)
    implements Observation, VolumeFacts.Source {
  public FilesObservation {
    groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
  }

  /**
   * A files volume group on this node.
   *
   * @param files sizes of the sparse files that exist, by volume name
   */
  public record Group(String name, String path, boolean directoryExists, Map<String, Long> files) {
    public Group {
      files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    public String devicePath(String volume) {
      return FilesProvider.imagePath(path, volume);
    }
  }

  /**
   * Every group the node is listed for is held by it: the files provider creates a missing
   * directory in the same plan (before anything that uses it), so targets on it can be planned at
   * once.
   */
  @Override
  public VolumeFacts volumeFacts() {
    Map<String, VolumeFacts.Group> out = new LinkedHashMap<>();
    for (Group g : groups.values()) {
      Map<String, VolumeFacts.Volume> volumes = new LinkedHashMap<>();
      g.files()
          .forEach(
              (name, size) ->
                  volumes.put(name, new VolumeFacts.Volume(name, size, g.devicePath(name), false)));
      out.put(g.name(), new VolumeFacts.Group(g.name(), true, 0, volumes));
    }
    return new VolumeFacts(out);
  }
}
