package dev.sanctl.providers.tgt;

import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.Target;
import dev.sanctl.spi.model.TargetState;
import dev.sanctl.spi.provider.ChapSecrets;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.provider.PlannedVolumes;
import dev.sanctl.spi.provider.ResourceAddress;
import dev.sanctl.spi.provider.VolumeFacts;
import java.util.ArrayList;
import java.util.List;

/** Works out which targets a node serves (those whose volume group it holds) and how. */
final class DesiredTargets {
  private DesiredTargets() {}

  /**
   * The targets {@code node} serves, resolved against its volume facts. Targets whose volume is
   * missing or whose secret cannot be read become error findings and are skipped.
   */
  static List<DesiredTgtTarget> forNode(
      PlanContext ctx, String node, VolumeFacts facts, List<Finding> findings) {
    DesiredState desired = ctx.desired();
    ChapSecrets secrets = new ChapSecrets(ctx.secrets());
    List<DesiredTgtTarget> out = new ArrayList<>();
    for (Target t : desired.targets()) {
      if (!PlannedVolumes.holds(desired, facts, node, t.volume().vg())) continue;
      String iqn = desired.iqnOf(t);
      if (t.state() == TargetState.ABSENT) {
        out.add(
            new DesiredTgtTarget(iqn, TargetState.ABSENT, List.of(), List.of(), List.of(), null));
        continue;
      }
      List<DesiredTgtTarget.DesiredLun> luns = new ArrayList<>();
      boolean complete = true;
      for (Target.Lun lun : t.luns()) {
        VolumeFacts.Volume v =
            PlannedVolumes.volume(desired, facts, node, lun.volume()).orElse(null);
        if (v == null) {
          findings.add(
              Finding.error(
                  address(node, iqn),
                  "volume " + lun.volume() + " of target " + iqn + " does not exist on " + node,
                  "declare the volume in its volume group, or fix the target's volume reference",
                  lun.source()));
          complete = false;
          continue;
        }
        luns.add(
            new DesiredTgtTarget.DesiredLun(
                lun.lun() + 1, v.devicePath(), v.sizeBytes(), lun.serial()));
      }
      if (!complete && luns.isEmpty()) continue;
      List<DesiredTgtTarget.Account> incoming = new ArrayList<>();
      DesiredTgtTarget.Account outgoing = null;
      try {
        ChapSecrets.Accounts accounts = secrets.accounts(t.chap());
        accounts.incoming().forEach(a -> incoming.add(account(a)));
        if (accounts.outgoing() != null) outgoing = account(accounts.outgoing());
      } catch (PlanContext.SecretException e) {
        findings.add(
            Finding.error(
                address(node, iqn),
                e.getMessage(),
                "fix the CHAP secret file (readable by sanctl only: chmod 600)",
                t.source()));
        continue;
      }
      out.add(
          new DesiredTgtTarget(iqn, t.state(), luns, desired.initiatorsOf(t), incoming, outgoing));
    }
    return out;
  }

  private static DesiredTgtTarget.Account account(ChapSecrets.Account a) {
    return new DesiredTgtTarget.Account(a.user(), a.secret());
  }

  /** Target {@code iqn} on {@code node}: {@code <node>/tgt.target/<iqn>}. */
  static ResourceAddress address(String node, String iqn) {
    return ResourceAddress.of(node, TgtProvider.ID, "target", iqn);
  }
}
