package dev.sanctl.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A guest that cannot boot fails within its timeout with its console, and leaves nothing running.
 */
@Tag("boot")
class GuestFailureKernelTest {
  static final Path WORK =
      Path.of("target", "kernel-tier", "GuestFailureKernelTest").toAbsolutePath();

  @Test
  void aGuestThatIsNotReadyInTimeFailsWithItsConsoleAndLeavesNothingRunning() {
    Path dir = WORK.resolve("hang");
    GuestFailure f =
        assertThrows(
            GuestFailure.class,
            () ->
                Guest.boot(
                    GuestSpec.builder("hang").bootTimeout(Duration.ofSeconds(4)).build(), dir));
    assertTrue(f.getMessage().contains("was not ready within PT4S (hang)"), f.getMessage());
    assertTrue(f.getMessage().contains("--- console of hang"), f.getMessage());
    assertEquals(List.of(), GuestBootKernelTest.qemuProcessesOf(dir));
    assertEquals(List.of(), Guest.open(), "a guest that failed to boot is closed");
  }

  @Test
  void aDiskQemuCannotOpenFailsTheBootWithQemusMessage() throws Exception {
    Path dir = WORK.resolve("nodisk");
    Path notAnImage = Files.createDirectories(WORK.resolve("not-an-image.img"));
    GuestFailure f =
        assertThrows(
            GuestFailure.class,
            () ->
                Guest.boot(
                    GuestSpec.builder("nodisk").disk(GuestDisk.of(notAnImage, 1L << 20)).build(),
                    dir));
    assertTrue(f.getMessage().contains("qemu exited"), f.getMessage());
    assertTrue(f.getMessage().contains("not-an-image.img"), f.getMessage());
    assertEquals(List.of(), GuestBootKernelTest.qemuProcessesOf(dir));
  }
}
