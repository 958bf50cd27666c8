package dev.sanctl.providers.files;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.NodeSpec;
import dev.sanctl.spi.model.ResourceState;
import dev.sanctl.spi.model.Target;
import dev.sanctl.spi.model.TargetState;
import dev.sanctl.spi.model.VolumeGroup;
import dev.sanctl.spi.provider.Action;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.FieldChange;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.Impact;
import dev.sanctl.spi.provider.NodeState;
import dev.sanctl.spi.provider.ObserveContext;
import dev.sanctl.spi.provider.ObserveException;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.provider.PlanResult;
import dev.sanctl.spi.provider.Provider;
import dev.sanctl.spi.provider.VolumeFacts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * File-backed volume groups ({@code type: files}): a directory per group on each of its nodes and
 * a sparse file {@code <path>/<volume>.img} per volume, served by iet or tgt with fileio. Observed
 * with one {@code stat} per node; created and grown with {@code truncate -s} (never shrunk).
 */
public final class FilesProvider implements Provider {
  static final String ID = "files";
  private static final Pattern MISSING =
      Pattern.compile("^stat: cannot statx '(.+)': No such file or directory$");

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<String> executables() {
    return Set.of("stat", "mkdir", "truncate", "rm");
  }

  /** Every node listed by a files volume group, whatever its services say. */
  @Override
  public boolean servesNode(DesiredState desired, NodeSpec node) {
    return node.hasService(ID) || !groupsOn(desired, node.name()).isEmpty();
  }

  static List<VolumeGroup> groupsOn(DesiredState desired, String node) {
    return desired.volumeGroups().values().stream()
        .filter(g -> g.type() == VolumeGroup.Type.FILES && g.nodes().contains(node))
        .toList();
  }

  static String file(VolumeGroup g, String volume) {
    return g.path() + "/" + volume + ".img";
  }

  @Override
  public FilesObservation observe(ObserveContext context) throws IOException {
    List<VolumeGroup> groups = groupsOn(context.desired(), context.node().name());
    Map<String, Boolean> dirs = new LinkedHashMap<>();
    Map<String, Long> files = new LinkedHashMap<>();
    if (groups.isEmpty()) return new FilesObservation(dirs, files, new VolumeFacts(Map.of()));
    List<String> argv = new ArrayList<>(List.of("stat", "-c", "%s|%F|%n", "--"));
    for (VolumeGroup g : groups) {
      argv.add(g.path());
      g.volumes().keySet().forEach(v -> argv.add(file(g, v)));
    }
    CommandResult r = context.host().run(new Command(argv, null, null, false, null));
    Map<String, String[]> seen = new LinkedHashMap<>();
    for (String line : r.out().split("\n")) {
      if (line.isEmpty()) continue;
      String[] f = line.split("\\|", 3);
      if (f.length != 3) throw new ObserveException("unexpected stat output: " + line);
      seen.put(f[2], f);
    }
    for (String line : r.err().split("\n")) {
      if (line.isEmpty()) continue;
      if (!MISSING.matcher(line).matches()) {
        throw new ObserveException("stat failed on " + context.node().name() + ": " + line);
      }
    }
    Map<String, VolumeFacts.Group> facts = new LinkedHashMap<>();
    for (VolumeGroup g : groups) {
      String[] dir = seen.get(g.path());
      boolean isDir = dir != null && dir[1].equals("directory");
      dirs.put(g.name(), isDir);
      Map<String, VolumeFacts.Volume> vols = new LinkedHashMap<>();
      for (String v : g.volumes().keySet()) {
        String[] f = seen.get(file(g, v));
        if (f == null) continue;
        long size = Long.parseLong(f[0]);
        files.put(file(g, v), size);
        vols.put(v, new VolumeFacts.Volume(v, size, file(g, v), false));
      }
      if (isDir) facts.put(g.name(), new VolumeFacts.Group(g.name(), true, Long.MAX_VALUE, vols));
    }
    return new FilesObservation(dirs, files, new VolumeFacts(facts));
  }

  @Override
  public PlanResult plan(PlanContext context) {
    List<Change> changes = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    for (Map.Entry<String, NodeState> e : context.nodes().entrySet()) {
      if (!e.getValue().known()) continue;
      String node = e.getKey();
      FilesObservation seen = (FilesObservation) e.getValue().observation();
      for (VolumeGroup g : groupsOn(context.desired(), node)) {
        planGroup(context.desired(), node, g, seen, changes, findings);
      }
    }
    return new PlanResult(changes, findings);
  }

  private void planGroup(
      DesiredState desired,
      String node,
      VolumeGroup g,
      FilesObservation seen,
      List<Change> changes,
      List<Finding> findings) {
    String groupAddress = Change.address(node, ID, "group", g.name());
    boolean dirExists = seen.directories().getOrDefault(g.name(), false);
    List<String> deps = List.of();
    if (!dirExists) {
      changes.add(
          new Change(groupAddress, node, ID, "group", g.name(), Action.CREATE, Impact.NONE,
              "directory " + g.path() + " does not exist",
              List.of(FieldChange.of("path", null, g.path())),
              List.of(Command.change("mkdir", "-p", "--", g.path())), List.of(), List.of()));
      deps = List.of(groupAddress);
    }
    for (VolumeGroup.Volume v : g.volumes().values()) {
      String path = file(g, v.name());
      String address = Change.address(node, ID, "volume", g.name() + "/" + v.name());
      Long have = seen.files().get(path);
      if (v.state() == ResourceState.ABSENT) {
        if (have == null) continue;
        if (servedByTarget(desired, g.name(), v.name())) {
          findings.add(new Finding(Finding.Kind.ERROR, node, address,
              "volume " + g.name() + "/" + v.name() + " is marked absent but a target still serves it",
              "remove the target (state: absent) first, then the volume", v.source()));
          continue;
        }
        changes.add(
            new Change(address, node, ID, "volume", g.name() + "/" + v.name(), Action.DELETE,
                Impact.DESTRUCTIVE, "state: absent",
                List.of(FieldChange.of("size", have, null)),
                List.of(Command.change("rm", "-f", "--", path)), List.of(), List.of()));
      } else if (have == null) {
        changes.add(
            new Change(address, node, ID, "volume", g.name() + "/" + v.name(), Action.CREATE,
                Impact.NONE, "file " + path + " does not exist",
                List.of(FieldChange.of("size", null, v.sizeBytes())),
                List.of(truncate(v.sizeBytes(), path)), List.of(), deps));
      } else if (have < v.sizeBytes()) {
        changes.add(
            new Change(address, node, ID, "volume", g.name() + "/" + v.name(), Action.UPDATE,
                Impact.NONE, "grow " + have + " -> " + v.sizeBytes() + " bytes",
                List.of(FieldChange.of("size", have, v.sizeBytes())),
                List.of(truncate(v.sizeBytes(), path)), List.of(), List.of()));
      } else if (have > v.sizeBytes()) {
        findings.add(
            new Finding(Finding.Kind.ERROR, node, address,
                "volume " + g.name() + "/" + v.name() + " would shrink from " + have + " to "
                    + v.sizeBytes() + " bytes; volumes never shrink (data past the new end would be lost)",
                "set size to at least " + have + " bytes, or create a new smaller volume and copy the data",
                v.source()));
      }
    }
  }

  private static Command truncate(long bytes, String path) {
    return Command.change("truncate", "-s", Long.toString(bytes), "--", path);
  }

  private static boolean servedByTarget(DesiredState desired, String vg, String lv) {
    for (Target t : desired.targets()) {
      if (t.state() == TargetState.ABSENT) continue;
      for (Target.Lun lun : t.luns()) {
        if (lun.volume().vg().equals(vg) && lun.volume().lv().equals(lv)) return true;
      }
    }
    return false;
  }
}
