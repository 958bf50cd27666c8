package dev.sanctl.ddless;

import java.nio.file.Path;

/** A copy in its own JVM, for the crash-safety test: {@code SRC TGT SUM WORKERS RATE_MB_S}. */
public final class CopyMain {
  private CopyMain() {}

  public static void main(String[] args) throws Exception {
    CopyOptions o =
        CopyOptions.copy(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]))
            .withWorkers(Integer.parseInt(args[3]))
            .withReadRate(Integer.parseInt(args[4]));
    System.out.println("start");
    System.out.flush();
    System.out.println(DdlessCopy.run(o).toJson());
  }
}
