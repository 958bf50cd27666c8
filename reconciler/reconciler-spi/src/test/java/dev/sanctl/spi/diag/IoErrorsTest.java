package dev.sanctl.spi.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoErrorsTest {
  @TempDir Path tmp;

  @Test
  void realErrorsAreWordsNeverClassNames() {
    Path missing = tmp.resolve("missing.yaml");
    IOException thrown = null;
    try {
      Files.readAllBytes(missing);
    } catch (IOException e) {
      thrown = e;
    }
    assertEquals(missing + ": no such file or directory", IoErrors.describe(thrown));
    for (IOException e :
        List.of(
            new SocketTimeoutException(),
            new ConnectException(),
            new IOException(),
            new java.io.EOFException())) {
      String words = IoErrors.describe(e);
      assertFalse(words.contains("Exception") || words.isBlank(), words);
    }
    assertEquals(
        "/etc/sanctl/x: permission denied",
        IoErrors.describe(new AccessDeniedException("/etc/sanctl/x")));
    assertEquals("timed out", IoErrors.describe(new SocketTimeoutException()));
    assertEquals("input/output error", IoErrors.describe(new IOException()));
    assertEquals("disk full", IoErrors.describe(new IOException("disk full")));
  }
}
