package dev.sanctl.providers.iet;

import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.TargetState;
import dev.sanctl.spi.model.VolumeGroup;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.ResourceAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Plans the IET config files of one node: each of {@link IetConfigRenderer#FILES} in {@code
 * /etc/iet} holds the sections of every group the node serves (groups without a meta volume first)
 * and each meta volume's copy holds its group's section; lines of targets sanctl does not manage
 * are kept. A refused target blocks its node's {@code ietd.conf}.
 */
final class IetFilesPlanner {
  private final IetNode node;
  private final List<String> heldGroups;
  private final Set<String> opening = new HashSet<>();

  /**
   * @param heldGroups the names of the volume groups {@code node} serves, in declared order
   */
  IetFilesPlanner(IetNode node, List<String> heldGroups) {
    this.node = node;
    this.heldGroups = heldGroups;
  }

  /** Plans the files for the targets {@code served} here; records the {@code ietd.conf} change. */
  void plan(List<DesiredTarget> served) {
    DesiredState desired = node.desired();
    IetDesiredTargets targets = node.targets();
    IetObservation obs = node.observation();
    IetFileChange fileChange = new IetFileChange(node);
    boolean blocked = served.stream().anyMatch(d -> targets.refused(d.iqn()));
    Map<String, List<DesiredTarget>> byGroup = new LinkedHashMap<>();
    for (String vg : heldGroups) byGroup.put(vg, new ArrayList<>());
    for (DesiredTarget d : served) {
      if (!targets.refused(d.iqn())) byGroup.get(d.vg()).add(d);
    }
    List<String> order = new ArrayList<>();
    byGroup.keySet().stream().filter(vg -> !hasMeta(vg)).forEach(order::add);
    byGroup.keySet().stream().filter(this::hasMeta).forEach(order::add);
    Set<String> renames = IetRenames.sources(node, served);
    Predicate<String> foreign =
        iqn -> targets.refused(iqn) || !targets.declares(iqn) && !renames.contains(iqn);
    for (String file : IetConfigRenderer.FILES) {
      boolean conf = file.equals(IetConfigRenderer.IETD_CONF);
      if (conf && blocked) continue;
      String observedEtc = obs.etc().getOrDefault(file, "");
      StringBuilder etc = new StringBuilder();
      if (conf) etc.append(IetConfigRenderer.globals(desired.iet().global()));
      for (String vg : order) {
        String section = IetConfigRenderer.section(file, byGroup.get(vg), targets::secret);
        etc.append(section).append(keptAllowLines(file, byGroup.get(vg), observedEtc));
        Map<String, String> meta = obs.meta().get(vg);
        if (hasMeta(vg) && meta != null) {
          String observed = meta.getOrDefault(file, "");
          fileChange.plan(
              IetProvider.metaDir(desired.volumeGroups().get(vg)),
              file,
              observed,
              section
                  + keptAllowLines(file, byGroup.get(vg), observed)
                  + IetForeignLines.of(file, observed, foreign));
        }
      }
      etc.append(IetForeignLines.of(file, observedEtc, foreign));
      ResourceAddress address = fileChange.plan("/etc/iet", file, observedEtc, etc.toString());
      if (conf) node.confChange(address);
    }
  }

  /**
   * The observed {@code initiators.allow} lines of targets that stay exported here but would lose
   * their line (online, no initiators declared): without a line IET admits every initiator, so the
   * line is kept and the target is reported; sanctl never opens a target by omission.
   */
  private String keptAllowLines(String file, List<DesiredTarget> targets, String observed) {
    if (!file.equals(IetConfigRenderer.INITIATORS_ALLOW)) return "";
    StringBuilder out = new StringBuilder();
    for (DesiredTarget d : targets) {
      if (d.target().state() != TargetState.ONLINE || !d.initiators().isEmpty()) continue;
      for (String line : IetText.lines(observed)) {
        if (!IetText.firstWord(line).equals(d.iqn())) continue;
        out.append(line.endsWith("\n") ? line : line + "\n");
        if (opening.add(d.iqn())) {
          node.add(
              Finding.error(
                  node.address("target", d.iqn()),
                  "target "
                      + d.iqn()
                      + " declares no initiators: IET admits every initiator to a target"
                      + " without an initiators.allow line, so its line is kept ("
                      + line.strip()
                      + ")",
                  "list the initiators that may log in, or set state: offline",
                  d.target().source()));
        }
        break;
      }
    }
    return out.toString();
  }

  private boolean hasMeta(String vg) {
    VolumeGroup g = node.desired().volumeGroups().get(vg);
    return g.type() == VolumeGroup.Type.LVM && g.metaVolume() != null;
  }
}
