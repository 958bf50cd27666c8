package dev.sanctl.cli.snaprotate;

import dev.sanctl.snaprotate.RunReport;
import dev.sanctl.snaprotate.VolumeReport;
import dev.sanctl.spi.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code snaprotate run --format json} (format version 1): {@code simulated}, {@code exit} and per
 * volume its {@code status}, engaged brakes, destroyed and failed snapshots, what a simulation
 * would run, and messages.
 */
final class RunJson {
  private RunJson() {}

  static String of(RunReport report) {
    List<Object> volumes = new ArrayList<>();
    for (VolumeReport v : report.volumes()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("volume", v.volume());
      m.put("status", v.status().name().toLowerCase(Locale.ROOT));
      m.put("engaged", v.engaged().stream().map(b -> b.name().toLowerCase(Locale.ROOT)).toList());
      m.put("destroyed", v.destroyed());
      m.put("failed", v.failed());
      m.put("wouldRun", v.wouldRun());
      m.put("messages", v.messages());
      volumes.add(m);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("formatVersion", "1");
    doc.put("simulated", report.simulated());
    doc.put("exit", report.exitCode());
    doc.put("volumes", volumes);
    return Json.write(doc);
  }
}
