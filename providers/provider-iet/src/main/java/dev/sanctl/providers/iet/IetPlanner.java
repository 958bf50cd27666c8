package dev.sanctl.providers.iet;

import dev.sanctl.spi.model.VolumeGroup;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.GroupPlacement;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.provider.PlanResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pure planning half of {@link IetProvider}. The desired targets are checked once ({@link
 * IetDesiredTargets}: unsafe values, CHAP secrets), then each observed node is planned ({@link
 * IetNodePlanner}): the targets of the volume groups it holds are brought to their desired runtime
 * state with {@code ietadm} ({@link IetTargetPlanner}), targets of groups held elsewhere are
 * removed, unknown running targets are reported, and the config files are rendered and compared
 * byte for byte ({@link IetFilesPlanner}).
 */
final class IetPlanner {
  private final PlanContext ctx;

  IetPlanner(PlanContext ctx) {
    this.ctx = ctx;
  }

  PlanResult plan() {
    List<Change> changes = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    IetDesiredTargets targets = IetDesiredTargets.check(ctx, findings);
    IetLiveSerials liveSerials = new IetLiveSerials(ctx, targets);
    Map<String, GroupPlacement> placements = new LinkedHashMap<>();
    for (VolumeGroup vg : ctx.desired().volumeGroups().values()) {
      placements.put(vg.name(), GroupPlacement.of(ctx, vg));
    }
    for (String node : ctx.nodes().keySet()) {
      ctx.observation(node, IetObservation.class)
          .ifPresent(
              o -> {
                IetNode n = new IetNode(ctx, node, o, targets, changes, findings);
                new IetNodePlanner(ctx, n, liveSerials, placements).plan();
              });
    }
    return new PlanResult(changes, findings);
  }
}
