package dev.sanctl.cli.ddless;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How the ddless commands that read a source read it ({@code ddless}, {@code ddless verify}, {@code
 * ddless send}): {@code -s SRC}, {@code -w N} workers, {@code -d} direct I/O; declared once.
 */
public class ReadOptions {
  @Option(names = "-s", paramLabel = "SRC", description = "Source device or file.")
  Path source;

  @Option(
      names = "-w",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Worker threads reading and hashing the source, taking the 8 MiB buffers in turn"
              + " (default: 1).")
  int workers;

  @Option(names = "-d", description = "Direct I/O reads (bypass the page cache).")
  boolean direct;
}
