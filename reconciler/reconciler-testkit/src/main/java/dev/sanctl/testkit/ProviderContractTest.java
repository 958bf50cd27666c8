package dev.sanctl.testkit;

import dev.sanctl.spi.provider.Provider;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Base class of every provider's contract test: extend it, name the provider, the providers it
 * needs (e.g. a volume provider for a target provider) and the scenarios; each scenario becomes one
 * test that runs {@link ProviderContract#check}.
 *
 * <pre>{@code
 * class LvmProviderContractTest extends ProviderContractTest {
 *   protected Provider provider() { return new LvmProvider(); }
 *   protected List<ContractScenario> scenarios() { return List.of(...); }
 * }
 * }</pre>
 */
public abstract class ProviderContractTest {
  /** The provider under test. */
  protected abstract Provider provider();

  /** Providers that must run alongside it (their changes are applied too). */
  protected List<Provider> supportingProviders() {
    return List.of();
  }

  /** The scenarios; each needs fresh host state. */
  protected abstract List<ContractScenario> scenarios();

  @TestFactory
  Stream<DynamicTest> providerContract() {
    return scenarios().stream()
        .map(
            s ->
                DynamicTest.dynamicTest(
                    s.name(), () -> ProviderContract.check(provider(), supportingProviders(), s)));
  }
}
