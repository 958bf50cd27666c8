package dev.sanctl.cli.snaprotate;

import dev.sanctl.snaprotate.Brake;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** Options shared by {@code snaprotate plan} and {@code snaprotate run}. */
public class RotationOptions {
  @Option(
      names = "--override",
      paramLabel = "BRAKE",
      split = ",",
      description = "Release a brake by name after checking the plan: stale, mass, clock.")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--protect", paramLabel = "NAME", description = "Snapshot that must survive.")
  List<String> protect = new ArrayList<>();

  @Option(
      names = "--legacy-name-time",
      description = "Read yyyy-MM-dd_HH.mm.ss names as local time when snap_time is unset.")
  boolean legacyNameTime;

  /** The named brakes; throws {@link IllegalArgumentException} for an unknown name. */
  Set<Brake> brakes() {
    Set<Brake> out = EnumSet.noneOf(Brake.class);
    for (String id : overrides) out.add(Brake.byId(id));
    return out;
  }

  Set<String> protectedNames() {
    return Set.copyOf(protect);
  }
}
