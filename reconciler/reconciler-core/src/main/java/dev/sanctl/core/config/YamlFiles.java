package dev.sanctl.core.config;

import dev.sanctl.spi.diag.Diagnostic;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Reads the YAML files of one load with {@link YamlFileReader}: a large configuration on two
 * threads (the caller's and one more), each taking the largest file not yet taken, while the
 * caller's {@code sideTask} (preparing the schema) runs first on the other thread. The files and
 * their diagnostics come out in the order of {@code files}, exactly as read one after the other.
 */
final class YamlFiles {
  /** Below this much text, or on one CPU, the files are read one after the other. */
  static final int PARALLEL_CHARS = 64 * 1024;

  private YamlFiles() {}

  private record Read(Optional<ParsedFile> file, List<Diagnostic> diagnostics) {}

  static List<ParsedFile> read(
      List<SourceFile> files, List<Diagnostic> diagnostics, Runnable sideTask) {
    long chars = files.stream().mapToLong(f -> f.text().length()).sum();
    Read[] reads = new Read[files.size()];
    if (files.size() < 2
        || chars < PARALLEL_CHARS
        || Runtime.getRuntime().availableProcessors() < 2) {
      for (int i = 0; i < reads.length; i++) reads[i] = read(files.get(i));
    } else {
      readSideBySide(files, reads, sideTask);
    }
    List<ParsedFile> parsed = new ArrayList<>();
    for (Read r : reads) {
      diagnostics.addAll(r.diagnostics());
      r.file().ifPresent(parsed::add);
    }
    return parsed;
  }

  private static Read read(SourceFile f) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    return new Read(YamlFileReader.read(f.path(), f.text(), diagnostics), diagnostics);
  }

  private static void readSideBySide(List<SourceFile> files, Read[] reads, Runnable sideTask) {
    int[] largestFirst =
        IntStream.range(0, files.size())
            .boxed()
            .sorted(Comparator.comparingInt((Integer i) -> -files.get(i).text().length()))
            .mapToInt(Integer::intValue)
            .toArray();
    AtomicInteger next = new AtomicInteger();
    Runnable worker =
        () -> {
          for (int k; (k = next.getAndIncrement()) < largestFirst.length; ) {
            int i = largestFirst[k];
            reads[i] = read(files.get(i));
          }
        };
    Throwable[] failed = new Throwable[1];
    Thread other =
        new Thread(
            () -> {
              try {
                sideTask.run();
                worker.run();
              } catch (RuntimeException | Error e) {
                failed[0] = e;
              }
            },
            "sanctl-yaml");
    other.setDaemon(true);
    other.start();
    try {
      worker.run();
    } finally {
      try {
        other.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while reading the configuration", e);
      }
    }
    if (failed[0] instanceof RuntimeException e) throw e;
    if (failed[0] instanceof Error e) throw e;
  }
}
