package dev.sanctl.providers.iet;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.model.VolumeGroup;
import dev.sanctl.spi.provider.ImportContext;
import dev.sanctl.spi.provider.Imported;
import dev.sanctl.spi.provider.Importer;
import dev.sanctl.spi.provider.Observation;
import dev.sanctl.spi.provider.ObserveContext;
import dev.sanctl.spi.provider.ObserveException;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.provider.PlanResult;
import dev.sanctl.spi.provider.Provider;
import dev.sanctl.spi.provider.ResourceAddress;
import dev.sanctl.spi.provider.StatusReporter;
import dev.sanctl.spi.values.NodePath;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code iet} provider (iSCSI Enterprise Target): serves every target whose volume group the
 * node holds, through {@code ietadm} at runtime and the config files {@code /etc/iet/*} plus the
 * copies on each held group's meta volume, which a failover node loads.
 *
 * <p>Observation: {@code cat} of {@code /proc/net/iet/volume} and {@code session}, the three files
 * in {@code /etc/iet} and the three meta copies of each LVM group with a meta volume the node can
 * hold (a missing file is empty). A running desired target whose {@code ietd.conf} stanza is
 * missing or records other parameters than desired also has its live parameters read with {@code
 * ietadm --op show} ({@link IetLiveParams}).
 */
public final class IetProvider implements Provider, Importer, StatusReporter {
  public static final String ID = "iet";
  static final String PROC = "/proc/net/iet/";
  static final String ETC = "/etc/iet/";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<String> executables() {
    return Set.of("cat", "ietadm", "perl", "sh");
  }

  @Override
  public Set<String> dependsOn() {
    return ResourceAddress.volumeProviders();
  }

  /** The meta copy directory of a group: {@code <mountPoint>/iet}. */
  static String metaDir(VolumeGroup vg) {
    String mp = NodePath.KIND.require(vg.metaVolume().mountPoint(), "volume group " + vg.name());
    return (mp.endsWith("/") ? mp : mp + "/") + "iet";
  }

  @Override
  public Observation observe(ObserveContext context) throws IOException {
    Host h = context.host();
    String volume = proc(h, PROC + "volume");
    String session = proc(h, PROC + "session");
    IetRuntime runtime;
    try {
      runtime = IetRuntime.parse(volume, session);
    } catch (RuntimeException e) {
      throw new ObserveException("cannot parse " + PROC + ": " + e.getMessage());
    }
    Map<String, String> etc = new LinkedHashMap<>();
    for (String f : IetConfigRenderer.FILES) etc.put(f, file(h, ETC + f));
    Map<String, Map<String, String>> meta = new LinkedHashMap<>();
    for (VolumeGroup vg : context.desired().volumeGroups().values()) {
      if (vg.type() != VolumeGroup.Type.LVM || vg.metaVolume() == null) continue;
      if (!vg.nodes().contains(context.node().name())) continue;
      Map<String, String> files = new LinkedHashMap<>();
      for (String f : IetConfigRenderer.FILES) files.put(f, file(h, metaDir(vg) + "/" + f));
      meta.put(vg.name(), files);
    }
    IetdConf conf = IetObservation.config(etc);
    return new IetObservation(
        runtime, etc, meta, IetLiveParams.observe(h, runtime, conf, context.desired()), conf);
  }

  private static String proc(Host h, String path) throws IOException {
    CommandResult r = h.run(Command.read("cat", path));
    if (!r.ok()) {
      throw new ObserveException(
          "cannot read " + path + " (is the IET kernel module loaded?): " + r.err().strip());
    }
    return r.out();
  }

  /** The content of {@code path}; a missing file is empty. */
  private static String file(Host h, String path) throws IOException {
    CommandResult r = h.run(Command.read("cat", path));
    if (r.ok()) return r.out();
    if (r.exitStatus() == 1 && r.err().strip().endsWith("No such file or directory")) return "";
    throw new ObserveException(
        "cannot read " + path + " (exit " + r.exitStatus() + "): " + r.err().strip());
  }

  @Override
  public PlanResult plan(PlanContext context) {
    return new IetPlanner(context).plan();
  }

  @Override
  public Map<String, Object> importState(PlanContext context) {
    return importLive(new ImportContext(context, "/etc/sanctl")).sections();
  }

  @Override
  public Imported importLive(ImportContext context) {
    return IetImport.imported(context);
  }

  @Override
  public List<String> status(String node, Observation observation) {
    List<String> out = new ArrayList<>();
    for (IetRuntime.Target t : ((IetObservation) observation).runtime().targets().values()) {
      StringBuilder sb = new StringBuilder("tid ").append(t.tid()).append(' ').append(t.name());
      sb.append(": ").append(t.sessions().size()).append(" session(s)");
      if (!t.initiators().isEmpty()) sb.append(" from ").append(String.join(", ", t.initiators()));
      out.add(sb.toString());
    }
    return out;
  }
}
