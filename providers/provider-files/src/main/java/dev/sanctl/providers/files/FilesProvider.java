package dev.sanctl.providers.files;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.model.VolumeGroup;
import dev.sanctl.spi.provider.Importer;
import dev.sanctl.spi.provider.Observation;
import dev.sanctl.spi.provider.ObserveContext;
import dev.sanctl.spi.provider.ObserveException;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.provider.PlanResult;
import dev.sanctl.spi.provider.Provider;
import dev.sanctl.spi.values.NodePath;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code files} provider: volume groups of {@code type: files} are directories of sparse files
 * {@code <path>/<name>.img}, created and grown with {@code truncate -s} (never shrunk) and observed
 * with one {@code stat} per node for the directories and every expected file.
 */
public final class FilesProvider implements Provider, Importer {
  public static final String ID = "files";

  /** {@code stat} format: size, file type, name (the name last: it may hold any character). */
  static final String STAT_FORMAT = "%s|%F|%n";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<String> executables() {
    return Set.of("stat", "mkdir", "truncate", "rm");
  }

  /** Every node a files volume group lists, whatever its services say (targets need them). */
  @Override
  public boolean servesNode(
      dev.sanctl.spi.model.DesiredState desired, dev.sanctl.spi.model.NodeSpec node) {
    return node.hasService(ID) || !groupsOf(desired, node.name()).isEmpty();
  }

  static String imagePath(String dir, String volume) {
    return VolumeGroup.imagePath(dir, volume);
  }

  /** The files groups {@code node} is listed for, in desired-state order. */
  static List<VolumeGroup> groupsOf(dev.sanctl.spi.model.DesiredState desired, String node) {
    List<VolumeGroup> out = new ArrayList<>();
    for (VolumeGroup vg : desired.volumeGroups().values()) {
      if (vg.type() == VolumeGroup.Type.FILES && vg.nodes().contains(node)) out.add(vg);
    }
    return out;
  }

  @Override
  public Observation observe(ObserveContext context) throws IOException {
    List<VolumeGroup> groups = groupsOf(context.desired(), context.node().name());
    List<String> argv = new ArrayList<>(List.of("stat", "-c", STAT_FORMAT, "--"));
    for (VolumeGroup vg : groups) {
      // stat prints one line per path: a path must not break lines (nor the command)
      argv.add(NodePath.KIND.require(vg.path(), "volume group " + vg.name()));
      for (VolumeGroup.Volume v : vg.volumes().values()) argv.add(imagePath(vg.path(), v.name()));
    }
    if (groups.isEmpty()) return new FilesObservation(Map.of());
    CommandResult r = context.host().run(new Command(argv, null, null, false, null));
    if (r.exitStatus() == CommandResult.NOT_FOUND) {
      throw new ObserveException("stat: command not found");
    }
    for (String line : r.err().lines().toList()) {
      if (!line.endsWith(": No such file or directory")) {
        throw new ObserveException("stat failed (exit " + r.exitStatus() + "): " + line);
      }
    }
    return parse(groups, r.out());
  }

  /** Builds the observation from {@code stat -c %s|%F|%n} output (missing paths print nothing). */
  static FilesObservation parse(List<VolumeGroup> groups, String statOutput)
      throws ObserveException {
    Map<String, String[]> byPath = new HashMap<>();
    for (String line : statOutput.lines().toList()) {
      String[] f = line.split("\\|", 3);
      if (f.length != 3) throw new ObserveException("stat printed an unexpected line: " + line);
      byPath.put(f[2], f);
    }
    Map<String, FilesObservation.Group> out = new LinkedHashMap<>();
    for (VolumeGroup vg : groups) {
      String[] dir = byPath.get(vg.path());
      boolean dirExists = dir != null && dir[1].equals("directory");
      Map<String, Long> files = new LinkedHashMap<>();
      for (VolumeGroup.Volume v : vg.volumes().values()) {
        String[] f = byPath.get(imagePath(vg.path(), v.name()));
        if (f == null) continue;
        if (!f[1].startsWith("regular")) {
          throw new ObserveException(f[2] + " is a " + f[1] + ", not a regular file");
        }
        try {
          files.put(v.name(), Long.parseLong(f[0]));
        } catch (NumberFormatException e) {
          throw new ObserveException("stat printed a bad size for " + f[2] + ": " + f[0]);
        }
      }
      out.put(vg.name(), new FilesObservation.Group(vg.name(), vg.path(), dirExists, files));
    }
    return new FilesObservation(out);
  }

  @Override
  public PlanResult plan(PlanContext context) {
    return new FilesPlanner(context).plan();
  }

  @Override
  public Map<String, Object> importState(PlanContext context) {
    return FilesImport.sections(context);
  }
}
