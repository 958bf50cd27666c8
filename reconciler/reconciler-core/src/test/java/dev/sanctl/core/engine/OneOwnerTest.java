package dev.sanctl.core.engine;

import static dev.sanctl.core.engine.testing.TestStates.node;
import static dev.sanctl.core.engine.testing.TestStates.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.engine.testing.KvHost;
import dev.sanctl.core.engine.testing.TestStates;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.provider.ProviderRegistry;
import dev.sanctl.spi.provider.Action;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.Impact;
import dev.sanctl.spi.provider.LiveObject;
import dev.sanctl.spi.provider.Observation;
import dev.sanctl.spi.provider.ObserveContext;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.provider.PlanResult;
import dev.sanctl.spi.provider.Provider;
import dev.sanctl.spi.provider.ResourceAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each live object has one owner in a plan: two providers touching one object are refused. */
class OneOwnerTest {
  /** Plans one change per {@code name} on n1 and says each touches the ZFS dataset it names. */
  record DatasetProvider(String id, String kind, List<String> names) implements Provider {
    private record Nothing() implements Observation {}

    @Override
    public Set<String> executables() {
      return Set.of();
    }

    @Override
    public Observation observe(ObserveContext context) {
      return new Nothing();
    }

    @Override
    public PlanResult plan(PlanContext context) {
      List<Change> changes =
          names.stream()
              .map(
                  n ->
                      new Change(
                          ResourceAddress.of("n1", id, kind, n),
                          Action.CREATE,
                          Impact.NONE,
                          "not present on node",
                          List.of(),
                          List.of(),
                          List.of(),
                          List.of()))
              .toList();
      return new PlanResult(changes, List.of());
    }

    @Override
    public Optional<LiveObject> liveObject(Change change) {
      return Optional.of(LiveObject.zfsDataset(change.name()));
    }
  }

  static Plan plan(Provider... providers) {
    Engine e =
        new Engine(
            ProviderRegistry.of(List.of(providers)),
            TestStates.hosts(Map.of("n1", new KvHost("n1"))),
            p -> "x");
    return e.plan(state(List.of(node("n1", "zfs", "backup")), List.of()), List.of(), List.of());
  }

  @Test
  void twoProvidersPlanningOneDatasetAreRefusedWithAClearError() {
    Plan plan =
        plan(
            new DatasetProvider("zfs", "filesystem", List.of("tank/ddless", "tank/data")),
            new DatasetProvider("backup", "checksums", List.of("tank/ddless")));
    assertEquals(
        List.of("n1/zfs.filesystem/tank/data"),
        plan.changes().stream().map(Change::address).toList(),
        "the rest of the plan stays");
    List<Finding> errors =
        plan.findings().stream().filter(f -> f.kind() == Finding.Kind.ERROR).toList();
    assertEquals(1, errors.size(), errors.toString());
    assertEquals(
        "two providers plan the same live object on n1: n1/backup.checksums/tank/ddless and"
            + " n1/zfs.filesystem/tank/ddless both touch zfs dataset tank/ddless; neither is"
            + " planned",
        errors.get(0).message());
    assertTrue(plan.errored());
  }

  @Test
  void aZvolAndAnArchiveVolumeOfTheSameNameAreOneObject() {
    Plan plan =
        plan(
            new DatasetProvider("zfs", "volume", List.of("tank/lv_a_bk")),
            new DatasetProvider("backup", "volume", List.of("tank/lv_a_bk")));
    assertEquals(List.of(), plan.changes());
    assertTrue(plan.errored());
  }

  @Test
  void differentObjectsOfTwoProvidersAreNoConflict() {
    Plan plan =
        plan(
            new DatasetProvider("zfs", "volume", List.of("tank/a")),
            new DatasetProvider("backup", "volume", List.of("tank/a_bk")));
    assertEquals(2, plan.changes().size());
    assertEquals(List.of(), plan.findings());
  }
}
