package dev.sanctl.cli.support;

import picocli.CommandLine.Option;

/**
 * {@code --rev REV} of {@code plan} and {@code apply}: use the configuration of one committed git
 * revision (read from git in memory, as {@code watch} does; the working tree is neither read nor
 * touched), so a human can plan and apply exactly the revision {@code status} says is pending.
 */
public class RevisionOption {
  @Option(
      names = "--rev",
      paramLabel = "REV",
      description =
          "Use the configuration of this committed git revision (branch, tag, commit id) of the"
              + " config repository instead of the working tree.")
  public String rev;
}
