package dev.sanctl.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.config.ConfigLoader;
import dev.sanctl.core.config.LoadResult;
import dev.sanctl.spi.diag.Diagnostic;
import dev.sanctl.spi.provider.PlanContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secret files only ever come from the machine's secrets directories. */
class SecretDirsTest {
  @TempDir Path tmp;

  @Test
  void onlyAbsolutePathsInsideTheDirectoriesWithoutDotSegments() {
    SecretDirs dirs = SecretDirs.of("/etc/sanctl:/srv/keys");
    assertNull(dirs.refusal("/etc/sanctl/secrets/db01.chap"));
    assertNull(dirs.refusal("/srv/keys/smtp.secret"));
    assertTrue(dirs.refusal("../../../../etc/shadow").contains("not an absolute path"));
    assertTrue(dirs.refusal("secrets/x.chap").contains("not an absolute path"));
    assertTrue(dirs.refusal("~/x.chap").contains("not an absolute path"));
    assertTrue(dirs.refusal("/etc/sanctl/../shadow").contains("'..'"));
    assertTrue(dirs.refusal("/etc/sanctl/./x").contains("'.'"));
    assertTrue(dirs.refusal("/etc/shadow").contains("outside the secrets directories"));
    assertTrue(dirs.refusal("/etc/sanctlx/a").contains("outside"), "a prefix is not a parent");
    assertTrue(dirs.refusal("/etc/sanctl").contains("outside"), "the directory itself");
    assertEquals("/etc/sanctl/", SecretDirs.of("relative:/etc/sanctl").describe());
  }

  @Test
  void validatePointsAtTheValue() {
    String yaml =
        """
        cluster: {name: lab, iqnPrefix: iqn.2026-01.dev.sanctl:lab}
        alerts:
          email:
            from: sanctl@example.org
            to: [ops@example.org]
            smtp: {host: smtp.example.org, passwordFile: ../../../../etc/shadow}
        """;
    LoadResult r =
        ConfigLoader.loadFiles(
            List.of(new dev.sanctl.core.config.SourceFile("cluster.yaml", yaml)));
    List<Diagnostic> errors =
        r.diagnostics().stream().filter(d -> d.message().contains("passwordFile")).toList();
    assertEquals(1, errors.size(), r.diagnostics().toString());
    Diagnostic d = errors.get(0);
    assertEquals(6, d.source().line());
    assertEquals(50, d.source().column());
    assertTrue(
        d.message().contains("'../../../../etc/shadow' is not an absolute path"), d.message());
  }

  @Test
  void theResolverRefusesPathsOutsideAndLinksLeadingOut() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("secrets"));
    Path outside = tmp.resolve("shadow");
    Files.writeString(outside, "root:$6$hash\n");
    Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rw-------"));
    Path good = dir.resolve("db01.chap");
    Files.writeString(good, "chap-secret-123\n");
    Files.setPosixFilePermissions(good, PosixFilePermissions.fromString("rw-------"));
    Files.createSymbolicLink(dir.resolve("link.chap"), outside);
    FileSecretResolver r = new FileSecretResolver(SecretDirs.of(dir.toString()));
    assertEquals("chap-secret-123", r.read(good.toString()));
    PlanContext.SecretException out =
        assertThrows(PlanContext.SecretException.class, () -> r.read(outside.toString()));
    assertTrue(out.getMessage().contains("outside the secrets directories"), out.getMessage());
    PlanContext.SecretException link =
        assertThrows(
            PlanContext.SecretException.class, () -> r.read(dir.resolve("link.chap").toString()));
    assertTrue(
        link.getMessage().contains("resolves to " + outside.toRealPath()), link.getMessage());
    assertThrows(PlanContext.SecretException.class, () -> r.read(dir + "/../shadow"));
  }

  @Test
  void aMissingSecretFileIsNamedWithoutAJavaExceptionName() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("secrets"));
    FileSecretResolver r = new FileSecretResolver(SecretDirs.of(dir.toString()));
    String missing = dir.resolve("vmc02.chap").toString();
    PlanContext.SecretException e =
        assertThrows(PlanContext.SecretException.class, () -> r.read(missing));
    assertEquals(
        "cannot read secret file " + missing + ": no such file or directory", e.getMessage());
  }
}
