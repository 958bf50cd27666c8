package dev.sanctl.providers.tgt;

import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.SourceRef;
import dev.sanctl.spi.model.Target;
import dev.sanctl.spi.model.TargetState;
import dev.sanctl.spi.provider.Finding;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The declared targets minus the new ones whose LUN serial a live target the desired state does not
 * declare already serves (a renamed volume: the old target keeps running, undeclared). Two targets
 * with one serial are one multipath WWID for two disks, so such a target is a plan error naming the
 * live one, and neither it nor its block in the persisted file is created.
 */
final class TgtLiveSerialClashes {
  private TgtLiveSerialClashes() {}

  static List<DesiredTgtTarget> without(
      DesiredState desired,
      String node,
      TgtObservation seen,
      List<DesiredTgtTarget> declared,
      Map<String, TgtTarget> byIqn,
      List<Finding> findings) {
    Set<String> declaredIqns = new HashSet<>();
    declared.forEach(d -> declaredIqns.add(d.iqn()));
    List<DesiredTgtTarget> out = new ArrayList<>();
    for (DesiredTgtTarget want : declared) {
      String clash = null;
      if (want.state() != TargetState.ABSENT && !byIqn.containsKey(want.iqn())) {
        for (TgtTarget live : seen.targets()) {
          if (declaredIqns.contains(live.iqn())) continue;
          for (TgtTarget.Lun l : live.luns()) {
            for (DesiredTgtTarget.DesiredLun d : want.luns()) {
              if (d.serial() != null && d.serial().equals(l.scsiSn())) {
                clash = "serial " + d.serial() + " is served by the live target " + live.iqn();
                clash += " (tid " + live.tid() + ", LUN " + l.lun() + "), which is not declared";
              }
            }
          }
        }
      }
      if (clash == null) {
        out.add(want);
        continue;
      }
      findings.add(
          Finding.error(
              DesiredTargets.address(node, want.iqn()),
              "target " + want.iqn() + " is not created: its " + clash,
              "a renamed volume keeps its old target: declare the old target with `state: absent`"
                  + " first (or keep the old name), or give the new target another serial",
              sourceOf(desired, want.iqn())));
    }
    return out;
  }

  private static SourceRef sourceOf(DesiredState desired, String iqn) {
    return desired.targets().stream()
        .filter(t -> desired.iqnOf(t).equals(iqn))
        .map(Target::source)
        .findFirst()
        .orElse(SourceRef.NONE);
  }
}
