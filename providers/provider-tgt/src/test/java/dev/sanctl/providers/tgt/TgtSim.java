package dev.sanctl.providers.tgt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.apply.Applier;
import dev.sanctl.core.apply.ApplyResult;
import dev.sanctl.core.apply.Journal;
import dev.sanctl.core.engine.ClusterObservation;
import dev.sanctl.core.engine.Engine;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.provider.ProviderRegistry;
import dev.sanctl.providers.files.FilesProvider;
import dev.sanctl.sim.SimCluster;
import dev.sanctl.sim.tgt.TgtadmTool;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.testkit.ProviderContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A simulated tgt node {@code lab1} (control port 7) planned and applied through the engine. */
final class TgtSim {
  final SimCluster sim;
  private final Path dir;

  TgtSim(Path dir, DesiredState desired) throws IOException {
    this.dir = dir;
    this.sim = SimCluster.init(dir.resolve("sim"), desired, 1L << 30);
  }

  Engine engine() {
    return new Engine(
        ProviderRegistry.of(List.of(new FilesProvider(), new TgtProvider())),
        (node, d) -> sim.host(node.name()),
        ProviderContract.FAKE_SECRETS);
  }

  Plan plan(DesiredState desired) {
    try (Engine engine = engine()) {
      return engine.plan(desired, List.of(), List.of());
    }
  }

  /** Plans and applies {@code desired} as the engine does it; the apply must succeed. */
  ApplyResult apply(DesiredState desired) throws IOException {
    try (Engine engine = engine()) {
      ClusterObservation seen = engine.observe(desired, List.of());
      Plan plan = engine.plan(desired, seen, List.of());
      ApplyResult r =
          new Applier(engine, new Journal(dir.resolve("state"), Clock.systemUTC()))
              .apply(desired, plan, seen, null);
      assertTrue(r.ok(), r.outcomes().toString());
      return r;
    }
  }

  CommandResult run(String... argv) throws IOException {
    return sim.host("lab1").run(new Command(List.of(argv), null, null, true, null));
  }

  /** Writes {@code content} to {@code path} on the node. */
  void write(String path, String content) throws IOException {
    CommandResult r =
        sim.host("lab1").run(Command.change(content.getBytes(StandardCharsets.UTF_8), "tee", path));
    assertEquals(0, r.exitStatus(), r.err());
  }

  String tgtadm(String... args) throws IOException {
    List<String> argv = new ArrayList<>(List.of("tgtadm", "-C", "7", "--lld", "iscsi"));
    argv.addAll(List.of(args));
    CommandResult r = run(argv.toArray(String[]::new));
    assertEquals(0, r.exitStatus(), r.err());
    return r.out();
  }

  /** Target IQN to its ACL entries, as tgtadm shows them. */
  Map<String, List<String>> acls() throws IOException {
    Map<String, List<String>> out = new TreeMap<>();
    for (TgtTarget t : TgtShowParser.targets(tgtadm("--op", "show", "--mode", "target"))) {
      out.put(t.iqn(), t.acl());
    }
    return out;
  }

  /** {@code initiator} logs in to {@code iqn} from 192.0.2.50. */
  void session(String iqn, String initiator) throws IOException {
    sim.onNode(
        "lab1",
        n -> {
          TgtadmTool.addSession(n, iqn, initiator, "192.0.2.50");
          return null;
        });
  }

  /** The tid tgtd serves {@code iqn} with. */
  int tid(String iqn) throws IOException {
    return TgtShowParser.targets(tgtadm("--op", "show", "--mode", "target")).stream()
        .filter(t -> t.iqn().equals(iqn))
        .findFirst()
        .orElseThrow()
        .tid();
  }

  /** tgtd restarts and the persisted file is loaded as the tgt service does it. */
  void restartAndRestore() throws IOException {
    sim.onNode(
        "lab1",
        n -> {
          TgtadmTool.restartDaemon(n);
          return null;
        });
    CommandResult r = run("tgt-admin", "-C", "7", "-e", "-c", TgtPersistedConfig.CONFIG_FILE);
    assertEquals(0, r.exitStatus(), r.out() + r.err());
  }
}
