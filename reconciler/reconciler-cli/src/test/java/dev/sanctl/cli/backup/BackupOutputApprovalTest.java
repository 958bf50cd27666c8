package dev.sanctl.cli.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sanctl.cli.CliRun;
import java.nio.file.Path;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.approvaltests.reporters.QuietReporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code sanctl backup run} (text and {@code --json}) and {@code status} print, approved as
 * one transcript: a first run, an incremental run, a run where one job fails and the other is
 * refused because another run holds its volume, a refused job alone (exit 3), and the status. The
 * clock and the durations are fixed ({@code --now}).
 */
class BackupOutputApprovalTest {
  @TempDir Path dir;

  private static void append(StringBuilder t, String command, CliRun r) {
    t.append("$ sanctl ").append(command).append("\nexit ").append(r.exitCode()).append('\n');
    t.append(r.out());
    if (!r.err().isEmpty()) t.append("[stderr]\n").append(r.err());
    t.append('\n');
  }

  @Test
  void runsJsonFailuresRefusalsAndStatus() throws Exception {
    BackupSim b = new BackupSim(dir);
    StringBuilder t = new StringBuilder();
    append(t, "backup run --all", b.backup("run", "--all"));

    b.cluster.write("san1", b.iqn, 16384 * 10, 40_000);
    append(t, "backup run --all --json", b.backup("run", "--all", "--json"));

    b.holdLock(
        "lv_plain",
        "host=cron-host pid=4242 token=t1 since=" + BackupSim.NOW + " renewed=" + BackupSim.NOW);
    b.cluster.failExecutable("arch1", "zfs", 1);
    CliRun failed = b.backup("run", "--all", "--json");
    assertEquals(1, failed.exitCode());
    append(t, "backup run --all --json", failed);
    append(t, "backup run lv_plain", b.backup("run", "lv_plain"));
    append(t, "backup status", b.backup("status"));

    String transcript = t.toString().replace(dir.toString(), "<dir>");
    Approvals.verify(
        transcript,
        new Options().withReporter(new QuietReporter()).forFile().withExtension(".txt"));
  }
}
