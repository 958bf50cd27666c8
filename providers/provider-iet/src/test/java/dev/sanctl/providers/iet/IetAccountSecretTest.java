package dev.sanctl.providers.iet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.apply.Applier;
import dev.sanctl.core.apply.ApplyResult;
import dev.sanctl.core.apply.Journal;
import dev.sanctl.core.engine.Engine;
import dev.sanctl.core.engine.HostFactory;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.provider.ProviderRegistry;
import dev.sanctl.providers.files.FilesProvider;
import dev.sanctl.providers.lvm.LvmProvider;
import dev.sanctl.sim.SimCluster;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.testkit.RecordingHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IET CHAP secrets reach ietd on standard input, never in any process's argument vector. */
class IetAccountSecretTest {
  @TempDir Path tmp;

  @Test
  void applyNeverPutsASecretInAnArgumentAndTheAccountExists() throws IOException {
    DesiredState desired = Amherst.state();
    SimCluster cluster =
        SimCluster.init(tmp.resolve("sim"), desired, 10 * SimSan.GIB, SimSan.CLOCK);
    Map<String, RecordingHost> recorders = new ConcurrentHashMap<>();
    HostFactory recording =
        RecordingHost.recording((node, d) -> cluster.host(node.name()), recorders);
    String secret = "FAKE-vmc02-chap"; // SimSan.SECRETS for /etc/sanctl/secrets/vmc02.chap
    try (Engine engine =
        new Engine(
            ProviderRegistry.of(List.of(new LvmProvider(), new FilesProvider(), new IetProvider())),
            recording,
            SimSan.SECRETS)) {
      var first = engine.observe(desired, List.of());
      Plan plan = engine.plan(desired, first, List.of());
      ApplyResult result =
          new Applier(engine, new Journal(tmp.resolve("journal"), SimSan.CLOCK))
              .apply(desired, plan, first, null);
      assertTrue(result.ok(), result.toString());
      List<Command> sent = recorders.get("node1").commands();
      List<Command> accounts = sent.stream().filter(c -> c.argv().get(0).equals("perl")).toList();
      assertEquals(1, accounts.size(), sent.toString());
      assertEquals(List.of("perl", "-e", IetAccountScript.SOURCE, "2"), accounts.get(0).argv());
      assertEquals(
          "IncomingUser=vmc02,Password=" + secret,
          new String(accounts.get(0).stdin(), StandardCharsets.UTF_8));
      for (RecordingHost host : recorders.values()) {
        for (Command c : host.commands()) {
          for (String arg : c.argv()) {
            assertFalse(arg.contains(secret), "secret in the argv of " + c);
          }
        }
      }
      assertEquals(
          "IncomingUser vmc02 " + secret + "\n",
          cluster
              .run(
                  "node1",
                  "ietadm",
                  "--op",
                  "show",
                  "--tid=2",
                  "--user",
                  "--params=IncomingUser=vmc02")
              .out());
      try (var journal = Files.walk(tmp.resolve("journal"))) {
        for (Path p : journal.filter(Files::isRegularFile).toList()) {
          assertFalse(Files.readString(p).contains(secret), "secret in journal " + p);
        }
      }
    }
  }
}
