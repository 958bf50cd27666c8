package dev.sanctl.cli.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.ExitCodes;
import dev.sanctl.cli.support.CliRun;
import dev.sanctl.core.engine.SecretDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** validate checks the secret files on the host it runs on: present, mode 600. */
class ValidateSecretFilesTest {
  @TempDir Path tmp;
  Path secrets;
  Path config;
  String saved;

  @BeforeEach
  void setUp() throws IOException {
    secrets = tmp.resolve("etc-sanctl");
    config = tmp.resolve("config");
    Path base = CliRun.examples().getParent().resolve("fixtures/invalid-configs/00-valid-base");
    Files.createDirectories(config);
    try (Stream<Path> files = Files.list(base)) {
      for (Path f : files.toList()) {
        String text = Files.readString(f).replace("/etc/sanctl", secrets.toString());
        Files.writeString(config.resolve(f.getFileName().toString()), text);
      }
    }
    saved = System.getProperty(SecretDirs.PROPERTY);
    System.setProperty(SecretDirs.PROPERTY, secrets.toString());
  }

  @AfterEach
  void restore() {
    if (saved == null) System.clearProperty(SecretDirs.PROPERTY);
    else System.setProperty(SecretDirs.PROPERTY, saved);
  }

  private void secret(String name, String mode) throws IOException {
    Path f = secrets.resolve(name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, "s3cr3t-value\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
  }

  @Test
  void aMissingAndAnExposedSecretFileAreErrorsAtTheirValueWithTheFix() throws Exception {
    secret("secrets/db01.chap", "rw-r--r--");
    CliRun.Result r = CliRun.run("validate", "-C", config.toString());
    assertEquals(ExitCodes.ERROR, r.exit(), r.toString());
    Path chap = secrets.resolve("secrets/db01.chap");
    assertTrue(
        r.out()
            .contains(
                "iscsi.yaml:20:43: secretFile '"
                    + chap
                    + "' is readable or writable beyond its owner (mode rw-r--r--) (run: chmod 600 "
                    + chap
                    + ")"),
        r.out());
    assertTrue(
        r.out()
            .matches(
                "(?s).*cluster\\.yaml:\\d+:\\d+: passwordFile '"
                    + secrets.resolve("smtp.secret")
                    + "' does not exist on this host \\(create it .*chmod 600 .*"),
        r.out());

    secret("smtp.secret", "rw-------");
    Files.setPosixFilePermissions(chap, PosixFilePermissions.fromString("rw-------"));
    CliRun.Result ok = CliRun.run("validate", "-C", config.toString());
    assertEquals(ExitCodes.OK, ok.exit(), ok.toString());
  }

  @Test
  void withoutASecretsDirectoryOnThisHostTheFilesAreNotCheckedAndTheSummarySaysSo() {
    CliRun.Result r = CliRun.run("validate", "-C", config.toString());
    assertEquals(ExitCodes.OK, r.exit(), r.toString());
    assertTrue(
        r.out().contains("(2 secret file(s) not checked: no secrets directory " + secrets),
        r.out());
    CliRun.Result skipped = CliRun.run("validate", "-C", config.toString(), "--skip-secret-files");
    assertEquals(ExitCodes.OK, skipped.exit(), skipped.toString());
  }
}
