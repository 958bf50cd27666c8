package dev.sanctl.cli.snaprotate;

import dev.sanctl.snaprotate.PublicCase;
import dev.sanctl.spi.model.SnapshotSchedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Runs sanctl in-process and builds config repositories for the snaprotate CLI tests. */
final class CliHarness {
  private CliHarness() {}

  record Result(int exitCode, String out, String err) {}

  static Result sanctl(String... args) {
    var r = dev.sanctl.testkit.CliRunner.run(args);
    return new Result(r.exitCode(), r.out(), r.err());
  }

  /** A copy of examples/amherst whose schedules.yaml also defines every public case. */
  static Path configWithCases(Path dir, List<PublicCase> cases) throws IOException {
    Path config = dir.resolve("config");
    Files.createDirectories(config);
    try (Stream<Path> files = Files.list(Path.of("../../examples/amherst"))) {
      for (Path f : files.toList()) Files.copy(f, config.resolve(f.getFileName()));
    }
    StringBuilder yaml = new StringBuilder(Files.readString(config.resolve("schedules.yaml")));
    for (PublicCase c : cases) yaml.append(scheduleYaml(c.schedule()));
    Files.writeString(config.resolve("schedules.yaml"), yaml);
    return config;
  }

  static String scheduleYaml(SnapshotSchedule s) {
    StringBuilder sb = new StringBuilder("  ").append(s.name()).append(":\n");
    sb.append("    zone: ").append(s.zone().getId()).append('\n');
    sb.append("    keepLast: ").append(s.keepLast()).append('\n');
    sb.append("    rules:\n");
    for (SnapshotSchedule.Rule r : s.rules()) {
      sb.append("      - {name: ")
          .append(r.name())
          .append(", freq: ")
          .append(r.freq().name().toLowerCase(Locale.ROOT))
          .append(", n: ")
          .append(r.n())
          .append("}\n");
    }
    return sb.toString();
  }
}
