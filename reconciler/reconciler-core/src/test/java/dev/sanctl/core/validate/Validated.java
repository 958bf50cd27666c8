package dev.sanctl.core.validate;

import dev.sanctl.core.config.ConfigLoader;
import dev.sanctl.core.config.SourceFile;
import dev.sanctl.spi.diag.Diagnostic;
import dev.sanctl.spi.diag.Severity;
import java.util.List;

/** Validates one file {@code c.yaml} and renders its errors as {@code sanctl validate} prints. */
final class Validated {
  static final String CLUSTER =
      "apiVersion: sanctl/v1\n"
          + "cluster: {name: c, iqnPrefix: iqn.2024-01.org.example}\n"
          + "nodes:\n"
          + "  san-a: {address: 192.0.2.11, services: [lvm, iet, files]}\n"
          + "  zfs-a: {address: 192.0.2.20, os: illumos, services: [zfs, comstar]}\n";

  private Validated() {}

  /** The rendered errors of {@link #CLUSTER} followed by {@code yaml}. */
  static List<String> errors(String yaml) {
    return ConfigLoader.loadFiles(List.of(new SourceFile("c.yaml", CLUSTER + yaml)))
        .diagnostics()
        .stream()
        .filter(d -> d.severity() == Severity.ERROR)
        .map(Diagnostic::render)
        .toList();
  }
}
