package dev.sanctl.ddless;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checksum file made by a C program implementing the original ddless layout
 * (fixtures/ddless/original_checksum.c) is reproduced byte for byte and accepted unchanged.
 */
class OriginalChecksumFileTest {
  static final Path FIXTURES = Path.of("../../fixtures/ddless");
  @TempDir Path dir;

  @Test
  void sanctlComputesTheSameBytesAsTheOriginal() throws Exception {
    Path sum = dir.resolve("input.ddless");
    DdlessCopy.run(CopyOptions.checksumOnly(FIXTURES.resolve("input.bin"), sum));
    assertArrayEquals(
        Files.readAllBytes(FIXTURES.resolve("input.ddless")), Files.readAllBytes(sum));
  }

  @Test
  void checksumFileEntriesAreMurmurThenCrcLittleEndian() throws Exception {
    long[] entries = ChecksumFile.read(FIXTURES.resolve("input.ddless"));
    assertEquals(4, entries.length);
    assertEquals(0x68b3db1f, Checksums.murmur(entries[0]), "segment 0 is all zeros");
    assertEquals(0xab54d286, Checksums.crc32(entries[0]));
    assertArrayEquals(
        Files.readAllBytes(FIXTURES.resolve("input.ddless")), ChecksumFile.toBytes(entries));
    assertEquals(true, ChecksumFile.fits(FIXTURES.resolve("input.ddless"), 50001));
    assertEquals(false, ChecksumFile.fits(FIXTURES.resolve("input.ddless"), 65537));
  }

  @Test
  void originalChecksumFileIsAcceptedUnchanged() throws Exception {
    Path source = FIXTURES.resolve("input.bin");
    Path target = Files.copy(source, dir.resolve("target.bin"));
    Path sum = Files.copy(FIXTURES.resolve("input.ddless"), dir.resolve("target.ddless"));
    CopyResult r = DdlessCopy.run(CopyOptions.copy(source, target, sum));
    assertFalse(r.newChecksumFile());
    assertEquals(0, r.segmentsChanged());
    assertEquals(0, r.bytesWritten());
    assertArrayEquals(
        Files.readAllBytes(FIXTURES.resolve("input.ddless")), Files.readAllBytes(sum));
    assertEquals(true, Verify.run(target, sum, 1, false).equal());
  }
}
