package dev.sanctl.core.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sanctl.core.engine.testing.KvLinkProvider;
import dev.sanctl.core.engine.testing.KvProvider;
import dev.sanctl.core.engine.testing.ScriptedProvider;
import dev.sanctl.spi.provider.Provider;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProviderRegistryTest {
  static Provider scripted(String id, String... deps) {
    return new ScriptedProvider(id, Set.of(deps), Set.of("true"), List.of(), List.of());
  }

  @Test
  void serviceLoaderFindsTestProvidersInDependencyOrder() {
    ProviderRegistry r = ProviderRegistry.load();
    assertEquals(List.of("kv", "kvlink"), r.all().stream().map(Provider::id).toList());
    assertEquals(KvLinkProvider.class, r.get("kvlink").getClass());
  }

  @Test
  void dependenciesComeFirstWhateverTheirNames() {
    ProviderRegistry r =
        ProviderRegistry.of(List.of(scripted("a", "z"), scripted("z"), scripted("m", "a")));
    assertEquals(List.of("z", "a", "m"), r.all().stream().map(Provider::id).toList());
    assertEquals(0, r.rank("z"));
  }

  @Test
  void duplicateIdsFailFast() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> ProviderRegistry.of(List.of(new KvProvider(), new KvProvider())));
    assertEquals(
        "two providers claim the id 'kv': "
            + KvProvider.class.getName()
            + " and "
            + KvProvider.class.getName(),
        e.getMessage());
  }

  @Test
  void aCycleFailsFast() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> ProviderRegistry.of(List.of(scripted("a", "b"), scripted("b", "a"))));
    assertEquals("provider dependency cycle: a -> b -> a", e.getMessage());
  }

  @Test
  void anUnknownIdIsAClearErrorNeverNull() {
    ProviderRegistry r = ProviderRegistry.of(List.of(new KvProvider()));
    assertEquals(
        "no provider with id 'zfs' (known: kv)",
        assertThrows(IllegalArgumentException.class, () -> r.get("zfs")).getMessage());
    assertEquals(java.util.Optional.empty(), r.find("zfs"));
  }
}
