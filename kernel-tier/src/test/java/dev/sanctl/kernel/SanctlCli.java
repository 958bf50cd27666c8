package dev.sanctl.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sanctl command line, run in-process with captured output, against a config repository whose
 * nodes are guests ({@link #node}): what an operator runs, through the product's SSH transport.
 */
record SanctlCli(int exitCode, String out, String err) {
  /** Runs {@code sanctl -C <config> --no-color <args...>}. */
  static SanctlCli run(Path config, String... args) {
    List<String> argv = new ArrayList<>(List.of("-C", config.toString(), "--no-color"));
    argv.addAll(List.of(args));
    var run = dev.sanctl.testkit.CliRunner.run(argv.toArray(String[]::new));
    SanctlCli r = new SanctlCli(run.exitCode(), run.out(), run.err());
    System.out.println("$ sanctl " + String.join(" ", args) + "\n" + r);
    return r;
  }

  /**
   * The YAML line of node {@code name} reached as root on {@code guest}'s forwarded SSH port with
   * the guest's client key (the config's {@code known_hosts} pins the guest's host key).
   */
  static String node(String name, Guest guest, String services) {
    return "  %s: {address: 127.0.0.1, port: %d, os: linux, user: root, identityFile: %s, services: [%s]}\n"
        .formatted(name, guest.sshPort(), guest.identityFile(), services);
  }

  /** Writes {@code <config>/known_hosts} with the host keys of {@code guests}. */
  static void knownHosts(Path config, Guest... guests) throws java.io.IOException {
    StringBuilder lines = new StringBuilder();
    for (Guest g : guests) lines.append(Files.readString(g.knownHostsFile()));
    Files.writeString(config.resolve("known_hosts"), lines.toString());
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
