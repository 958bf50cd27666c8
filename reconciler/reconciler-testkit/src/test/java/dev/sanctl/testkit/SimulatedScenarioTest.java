package dev.sanctl.testkit;

import static dev.sanctl.core.engine.testing.TestStates.node;
import static dev.sanctl.core.engine.testing.TestStates.state;
import static dev.sanctl.core.engine.testing.TestStates.vg;
import static dev.sanctl.core.engine.testing.TestStates.vol;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.model.DesiredState;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedScenarioTest {
  @Test
  void aSimulatedScenarioGivesFreshSeededNodes() throws Exception {
    DesiredState d = state(List.of(node("n1", "lvm")), List.of(vg("vg1", "n1", vol("a", 1))));
    ContractScenario s =
        ContractScenario.simulated(
            "seeded",
            d,
            1L << 30,
            sim -> sim.run("n1", "lvcreate", "-L", "4194304b", "-n", "by_hand", "vg1"));
    Host h = s.hosts().get().open(d.nodes().get("n1"), d);
    String lvs = h.run(Command.read("lvs", "--noheadings", "-o", "lv_name", "vg1")).out();
    assertEquals(List.of("by_hand"), lvs.lines().map(String::strip).toList());
    h.run(Command.change("lvcreate", "-L", "4194304b", "-n", "later", "vg1"));
    Host fresh = s.hosts().get().open(d.nodes().get("n1"), d);
    assertEquals(
        List.of("by_hand"),
        fresh
            .run(Command.read("lvs", "--noheadings", "-o", "lv_name", "vg1"))
            .out()
            .lines()
            .map(String::strip)
            .toList(),
        "every run starts from a freshly seeded cluster");
  }
}
