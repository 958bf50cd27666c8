package dev.sanctl.providers.lvm;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.provider.ImportContext;
import dev.sanctl.spi.provider.Imported;
import dev.sanctl.spi.provider.Importer;
import dev.sanctl.spi.provider.Observation;
import dev.sanctl.spi.provider.ObserveContext;
import dev.sanctl.spi.provider.ObserveException;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.provider.PlanResult;
import dev.sanctl.spi.provider.Provider;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code lvm} provider: logical volumes of the LVM volume groups of the desired state, on the
 * node that holds each group (where its LVs are active). Observes with one {@code vgs} and one
 * {@code lvs} per node; creates, grows and (only for {@code state: absent}) removes LVs.
 */
public final class LvmProvider implements Provider, Importer {
  public static final String ID = "lvm";

  static final String VG_COLUMNS = "vg_name,vg_size,vg_free,vg_extent_size";
  static final String LV_COLUMNS = "vg_name,lv_name,lv_size,lv_attr,origin,lv_path";

  /** The observation commands, in the order they run. */
  static final Command VGS =
      Command.read("vgs", "--reportformat", "json", "--units", "b", "--nosuffix", "-o", VG_COLUMNS);

  static final Command LVS =
      Command.read("lvs", "--reportformat", "json", "--units", "b", "--nosuffix", "-o", LV_COLUMNS);

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<String> executables() {
    return Set.of("vgs", "lvs", "lvcreate", "lvextend", "lvremove");
  }

  @Override
  public Observation observe(ObserveContext context) throws IOException {
    Host host = context.host();
    LvmJsonReport vgs = report(host, VGS, "vg");
    LvmJsonReport lvs = report(host, LVS, "lv");
    return fromReports(vgs, lvs);
  }

  /** Builds the observation from parsed {@code vgs} and {@code lvs} reports. */
  static LvmObservation fromReports(LvmJsonReport vgs, LvmJsonReport lvs) throws ObserveException {
    Map<String, Map<String, LvmObservation.Lv>> lvsByVg = new LinkedHashMap<>();
    for (Map<String, String> row : lvs.rows()) {
      LvmObservation.Lv lv =
          new LvmObservation.Lv(
              row.getOrDefault("lv_name", ""),
              bytes(row, "lv_size"),
              row.getOrDefault("lv_attr", ""),
              row.getOrDefault("origin", ""),
              row.getOrDefault("lv_path", ""));
      lvsByVg
          .computeIfAbsent(row.getOrDefault("vg_name", ""), k -> new LinkedHashMap<>())
          .put(lv.name(), lv);
    }
    Map<String, LvmObservation.Vg> out = new LinkedHashMap<>();
    for (Map<String, String> row : vgs.rows()) {
      String name = row.getOrDefault("vg_name", "");
      out.put(
          name,
          new LvmObservation.Vg(
              name,
              bytes(row, "vg_size"),
              bytes(row, "vg_free"),
              bytes(row, "vg_extent_size"),
              lvsByVg.getOrDefault(name, Map.of())));
    }
    return new LvmObservation(out);
  }

  private static long bytes(Map<String, String> row, String column) throws ObserveException {
    String v = row.get(column);
    if (v == null) throw new ObserveException("lvm report has no column " + column);
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw new ObserveException("lvm report: " + column + " is not a byte count: '" + v + "'");
    }
  }

  private static LvmJsonReport report(Host host, Command command, String name) throws IOException {
    CommandResult r = host.run(command);
    String what = command.executable();
    if (r.exitStatus() == CommandResult.NOT_FOUND) {
      throw new ObserveException(what + ": command not found (is lvm2 installed?)");
    }
    LvmJsonReport report;
    try {
      report = LvmJsonReport.parse(r.out(), name);
    } catch (IllegalArgumentException e) {
      throw new ObserveException(
          what
              + " printed no JSON report (exit "
              + r.exitStatus()
              + "): "
              + e.getMessage()
              + firstLine(r.err()));
    }
    if (!r.ok()) {
      List<String> why = report.errors().isEmpty() ? List.of(r.err().strip()) : report.errors();
      throw new ObserveException(
          what + " failed (exit " + r.exitStatus() + "): " + String.join("; ", why));
    }
    return report;
  }

  private static String firstLine(String s) {
    String t = s.strip();
    return t.isEmpty() ? "" : "; " + t.lines().findFirst().orElse("");
  }

  @Override
  public PlanResult plan(PlanContext context) {
    return new LvmPlanner(context).plan();
  }

  @Override
  public Map<String, Object> importState(PlanContext context) {
    return LvmImport.sections(context);
  }

  @Override
  public Imported importLive(ImportContext context) {
    return LvmImport.imported(context.plan());
  }
}
