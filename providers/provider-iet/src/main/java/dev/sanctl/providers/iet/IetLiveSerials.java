package dev.sanctl.providers.iet;

import dev.sanctl.spi.provider.PlanContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The serials ({@code ScsiSN}) of the targets not in the desired state, from every observed node's
 * {@code ietd.conf} and meta volume copies: the identities a new target must not reuse. Read on
 * first use.
 */
final class IetLiveSerials {
  /** Where a live target not in the desired state records a serial. */
  record Holder(String iqn, String node) {}

  private final PlanContext ctx;
  private final IetDesiredTargets targets;
  private Map<String, Holder> bySerial;

  IetLiveSerials(PlanContext ctx, IetDesiredTargets targets) {
    this.ctx = ctx;
    this.targets = targets;
  }

  /** The live target (not in the desired state) that records {@code serial}, or null. */
  Holder holder(String serial) {
    return bySerial().get(serial);
  }

  private Map<String, Holder> bySerial() {
    if (bySerial != null) return bySerial;
    bySerial = new LinkedHashMap<>();
    for (String n : ctx.nodes().keySet()) {
      IetObservation o = ctx.observation(n, IetObservation.class).orElse(null);
      if (o == null) continue;
      List<IetdConf> confs = new ArrayList<>(List.of(o.config()));
      o.meta().values().forEach(m -> confs.add(IetObservation.config(m)));
      for (IetdConf c : confs) {
        for (IetdConf.Stanza st : c.targets().values()) {
          if (targets.declares(st.iqn())) continue;
          for (Integer lun : st.luns().keySet()) {
            String sn = st.lunParam(lun, "ScsiSN");
            if (sn != null) bySerial.putIfAbsent(sn, new Holder(st.iqn(), n));
          }
        }
      }
    }
    return bySerial;
  }
}
