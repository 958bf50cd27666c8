package dev.sanctl.sim.lvm;

import dev.sanctl.spi.host.CommandResult;

/**
 * lvm2's checks of the size arguments before a command reads any group ({@code tools/lvmcmdline.c}
 * size_mb_arg and friends, then the commands' own {@code _read_size_params}), with the messages and
 * exit status 3 that lvm2 2.03.16 gives (fixtures/lvm/2.03.16/fidelity).
 */
final class LvmSizeArgs {
  private LvmSizeArgs() {}

  /** The refusal of {@code a}'s size arguments, or null if they are acceptable. */
  static CommandResult check(String program, LvmArgs a) {
    for (String option : new String[] {"size", "virtualsize"}) {
      if (!a.has(option)) continue;
      String problem = sizeProblem(program, a.get(option));
      if (problem != null) {
        return parseError(problem + "  Invalid argument for --" + option + ": " + a.get(option));
      }
    }
    if (a.has("extents") && !a.get("extents").matches("[+-]?[0-9]+(%(VG|FREE|ORIGIN|PVS))?")) {
      return parseError("  Invalid argument for --extents: " + a.get("extents"));
    }
    boolean resize =
        program.equals("lvextend") || program.equals("lvresize") || program.equals("lvreduce");
    if (a.has("size") && a.has("extents")) {
      return usage(
          program,
          resize
              ? "Please specify either size or extents but not both."
              : "Please specify either size or extents (not both).");
    }
    if (program.equals("lvcreate")) {
      if (a.has("size") && zero(a.get("size"))) return usage(program, "--size may not be zero.");
      if (a.has("extents") && zero(a.get("extents"))) {
        return usage(program, "--extents may not be zero.");
      }
    }
    return null;
  }

  /** The message lines (each ending in a newline) before "Invalid argument", or null. */
  private static String sizeProblem(String program, String v) {
    String digits = v;
    if (digits.startsWith("+") || digits.startsWith("-")) {
      if (digits.startsWith("-") && program.equals("lvcreate")) {
        return "  Size may not be negative.\n";
      }
      digits = digits.substring(1);
    }
    if (digits.isEmpty() || !Character.isDigit(digits.charAt(0))) {
      return "  Size requires number argument.\n";
    }
    if (!digits.matches("[0-9]*\\.?[0-9]*[bBsSkKmMgGtTpPeE]?")) {
      return "  Can't parse size argument.\n";
    }
    long bytes;
    try {
      bytes = LvmTool.parseSize(digits);
    } catch (NumberFormatException | ArithmeticException e) {
      return "  Can't parse size argument.\n";
    }
    if (bytes % 512 != 0) {
      long below = bytes / 512 * 512;
      return "  Size is not a multiple of 512. Try using " + below + " or " + (below + 512) + ".\n";
    }
    return null;
  }

  private static boolean zero(String v) {
    String d = v.replaceAll("[bBsSkKmMgGtTpPeE%].*$", "");
    try {
      return new java.math.BigDecimal(d).signum() == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static CommandResult parseError(String lines) {
    return CommandResult.of(
        LvmTool.EINVALID_CMD_LINE, "", lines + "\n  Error during parsing of command line.\n");
  }

  /** A refusal followed by lvm2's pointer to the command's help, exit 3. */
  static CommandResult usage(String program, String message) {
    return CommandResult.of(
        LvmTool.EINVALID_CMD_LINE,
        "",
        "  " + message + "\n  Run `" + program + " --help' for more information.\n");
  }
}
