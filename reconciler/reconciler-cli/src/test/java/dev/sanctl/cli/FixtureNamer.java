package dev.sanctl.cli;

import java.io.File;
import java.nio.file.Path;
import org.approvaltests.namer.ApprovalNamer;

/** Keeps a case's approved output beside the case: {@code <dir>/<name>.approved.txt}. */
final class FixtureNamer implements ApprovalNamer {
  private final Path dir;
  private final String name;

  FixtureNamer(Path dir, String name) {
    this.dir = dir;
    this.name = name;
  }

  @Override
  public String getApprovalName() {
    return name;
  }

  @Override
  public String getSourceFilePath() {
    return dir.toString() + File.separator;
  }

  @Override
  public File getApprovedFile(String extensionWithDot) {
    return dir.resolve(name + ".approved" + extensionWithDot).toFile();
  }

  @Override
  public File getReceivedFile(String extensionWithDot) {
    return dir.resolve(name + ".received" + extensionWithDot).toFile();
  }

  @Override
  public ApprovalNamer addAdditionalInformation(String info) {
    return new FixtureNamer(dir, name + "." + info);
  }

  @Override
  public String getAdditionalInformation() {
    return "";
  }
}
