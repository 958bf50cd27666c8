package dev.sanctl.sim.lvm;

import dev.sanctl.spi.host.CommandResult;

/**
 * lvm2's answer when no command definition matches the arguments ({@code tools/lvmcmdline.c}): exit
 * 3, the nearest or correct syntax on stdout, as lvm2 2.03.16 prints them.
 */
final class LvmSyntax {
  private LvmSyntax() {}

  /** The refusal of {@code program} without a size ({@code noTarget}: without an LV either). */
  static CommandResult noMatch(String program, boolean noTarget) {
    String first =
        "  No command with matching syntax recognised.  Run '"
            + program
            + " --help' for more information.\n";
    return switch (program) {
      case "lvextend" ->
          noTarget
              ? CommandResult.of(
                  LvmTool.EINVALID_CMD_LINE,
                  "  lvextend -L|--size [+]Size[m|UNIT] LV\n  Extend an LV by a specified size.\n\n",
                  first + "  Nearest similar command has syntax:\n")
              : CommandResult.of(LvmTool.EINVALID_CMD_LINE, "", first);
      case "lvreduce" ->
          CommandResult.of(
              LvmTool.EINVALID_CMD_LINE,
              "  lvreduce -L|--size [-]Size[m|UNIT] LV\n\n",
              first + "  Correct command syntax is:\n");
      case "lvremove" ->
          CommandResult.of(
              LvmTool.EINVALID_CMD_LINE,
              "  lvremove VG|LV|Tag|Select ...\n\n",
              first + "  Correct command syntax is:\n");
      default -> CommandResult.of(LvmTool.EINVALID_CMD_LINE, "", first);
    };
  }
}
