package dev.sanctl.cli.snaprotate;

import dev.sanctl.cli.ExitCodes;
import dev.sanctl.cli.support.OutputFormat;
import dev.sanctl.snaprotate.Brake;
import dev.sanctl.snaprotate.DestroyBatches;
import dev.sanctl.snaprotate.ListingParser;
import dev.sanctl.snaprotate.PlanRenderer;
import dev.sanctl.snaprotate.PlanRequest;
import dev.sanctl.snaprotate.RotationPlan;
import dev.sanctl.snaprotate.SnapRotatePlanner;
import dev.sanctl.spi.model.SnapshotSchedule;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sanctl snaprotate plan}: the plan of one volume from a saved {@code zfs list} listing,
 * without touching any host. Exit 0, 1 (configuration or listing error), 3 (a brake would stop a
 * run) or 64 (usage: no schedule given, an unknown brake name).
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = "Plan rotation offline from a saved `zfs list -H -p` listing (no host touched).")
public class SnaprotatePlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin RotationOptions rotation;

  @Option(names = "--schedule", paramLabel = "NAME", description = "Schedule in the config (-C).")
  String schedule;

  @Option(
      names = "--listing",
      paramLabel = "FILE",
      required = true,
      description =
          "Output of zfs list -H -p -t snapshot -d 1 -s createtxg -o name,guid,"
              + "createtxg,creation,userrefs,clones,defer_destroy,<ns>:snap_time,<ns>:snaprotate_rule.")
  Path listing;

  @Option(
      names = "--now",
      paramLabel = "INSTANT",
      required = true,
      description = "Planning instant, ISO-8601 UTC (e.g. 2024-12-31T12:00:00Z).")
  Instant now;

  @Mixin OutputFormat output;

  @Option(
      names = "--keep-last",
      paramLabel = "N",
      description = "Override the schedule's keepLast.")
  Integer keepLast;

  @Option(
      names = "--rules",
      paramLabel = "RULES",
      description = "Inline schedule instead of --schedule: NAME:freq:n[,NAME:freq:n]...")
  String rules;

  @Option(
      names = "--zone",
      paramLabel = "ZONE",
      defaultValue = "UTC",
      description = "Zone of an inline schedule (default: ${DEFAULT-VALUE}).")
  String zone;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Set<Brake> named;
    try {
      named = rotation.brakes();
    } catch (IllegalArgumentException e) {
      return SnaprotateCommand.usage(err, e.getMessage());
    }
    if (schedule == null && rules == null) {
      return SnaprotateCommand.usage(err, "give --schedule NAME (with -C CONFIG) or --rules");
    }
    try {
      SnapshotSchedule s =
          ScheduleChoice.resolve(
              SnaprotateCommand.configDir(spec), schedule, rules, zone, keepLast, err);
      if (s == null) return ExitCodes.ERROR;
      String text;
      try {
        text = Files.readString(listing, StandardCharsets.UTF_8);
      } catch (IOException e) {
        err.println("sanctl: error: cannot read listing " + listing + ": " + e.getMessage());
        return ExitCodes.ERROR;
      }
      ListingParser.Listing l;
      try {
        l = ListingParser.parse(text, null);
      } catch (ListingParser.ListingException e) {
        err.println(listing + ":" + e.line() + ":" + e.column() + ": " + e.getMessage());
        return ExitCodes.ERROR;
      }
      String volume = l.volume() == null ? "-" : l.volume();
      RotationPlan plan =
          SnapRotatePlanner.plan(
              new PlanRequest(
                  volume,
                  s,
                  now,
                  rotation.protectedNames(),
                  l.snapshots(),
                  rotation.legacyNameTime));
      List<List<String>> wouldRun = DestroyBatches.argvs(volume, plan.deleteNames(), true);
      if (output.json()) out.println(PlanRenderer.json(plan, wouldRun));
      else out.print(PlanRenderer.text(plan, wouldRun));
      out.flush();
      return plan.engagedBrakes(named).isEmpty() ? ExitCodes.OK : ExitCodes.REFUSED;
    } catch (IllegalArgumentException e) {
      err.println("sanctl: error: " + e.getMessage());
      return ExitCodes.ERROR;
    } finally {
      err.flush();
    }
  }
}
