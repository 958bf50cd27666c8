package dev.sanctl.providers.zfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sanctl.core.plan.Plan;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.Impact;
import dev.sanctl.spi.provider.ResourceAddress;
import dev.sanctl.testkit.Configs;
import dev.sanctl.testkit.ContractScenario;
import dev.sanctl.testkit.SimulatedPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A declared property that takes space away (a lower quota, a smaller reservation) or changes where
 * a filesystem is seen is classified disruptive, never none; set-once properties are plan errors,
 * not a zfs set that fails at apply.
 */
class ZfsPropertyImpactTest {
  private static final String HEAD =
      """
      cluster: {name: lab, iqnPrefix: iqn.2026-01.dev.sanctl:lab}
      nodes:
        head1: {address: 192.0.2.10, os: illumos, services: [zfs]}
      pools:
        tank:
          nodes: [head1]
      """;

  private static Plan plan(String pool, ContractScenario.Seed seed) {
    DesiredState desired = Configs.load(HEAD + pool);
    return SimulatedPlan.of(desired, seed, new ZfsProvider());
  }

  private static Change only(Plan plan) {
    assertEquals(1, plan.changes().size(), plan.changes() + " " + plan.findings());
    return plan.changes().get(0);
  }

  @Test
  void droppingTheReservationOfAThickVolumeIsDisruptive() {
    Change c =
        only(
            plan(
                "    volumes: {tank/v: {size: 64M, properties: {refreservation: none}}}\n",
                sim -> sim.run("head1", "zfs", "create", "-V", "64M", "tank/v")));
    assertEquals(List.of("zfs set refreservation=none tank/v"), argv(c));
    assertEquals(Impact.DISRUPTIVE, c.impact());
  }

  @Test
  void aLowerQuotaIsDisruptiveAndAHigherOneIsNot() {
    String fs = "    datasets: {tank/fs: {properties: {quota: %s}}}\n";
    ContractScenario.Seed quota2g =
        sim -> sim.run("head1", "zfs", "create", "-o", "quota=2G", "tank/fs");
    assertEquals(Impact.DISRUPTIVE, only(plan(fs.formatted("1G"), quota2g)).impact());
    assertEquals(Impact.NONE, only(plan(fs.formatted("3G"), quota2g)).impact());
    assertEquals(Impact.NONE, only(plan(fs.formatted("none"), quota2g)).impact());
    ContractScenario.Seed unlimited = sim -> sim.run("head1", "zfs", "create", "tank/fs");
    assertEquals(Impact.DISRUPTIVE, only(plan(fs.formatted("1G"), unlimited)).impact());
  }

  @Test
  void aNewMountPointIsDisruptiveACompressionChangeIsNot() {
    ContractScenario.Seed seed = sim -> sim.run("head1", "zfs", "create", "tank/fs");
    assertEquals(
        Impact.DISRUPTIVE,
        only(plan("    datasets: {tank/fs: {properties: {mountpoint: /srv/fs}}}\n", seed))
            .impact());
    assertEquals(
        Impact.NONE,
        only(plan("    datasets: {tank/fs: {properties: {compression: lz4}}}\n", seed)).impact());
  }

  @Test
  void aSetOncePropertyThatDiffersIsAPlanErrorNotAZfsSet() {
    Plan plan =
        plan(
            "    datasets: {tank/fs: {properties: {casesensitivity: insensitive}}}\n",
            sim -> sim.run("head1", "zfs", "create", "tank/fs"));
    assertEquals(List.of(), plan.changes());
    List<Finding> errors =
        plan.findings().stream().filter(f -> f.kind() == Finding.Kind.ERROR).toList();
    assertEquals(1, errors.size(), plan.findings().toString());
    assertEquals(
        "tank/fs has casesensitivity sensitive, not the declared insensitive; casesensitivity is"
            + " fixed when a dataset is created",
        errors.get(0).message());
    assertEquals("config.yaml:7:16", errors.get(0).source().toString());
  }

  private static List<String> argv(Change c) {
    return c.commands().stream().map(cmd -> String.join(" ", cmd.argv())).toList();
  }

  @Test
  void theDatasetsOtherProvidersDependOnAreAddressedAsThisProvidersOwn() {
    // comstar and backup name the zvols and filesystems they wait for with these factories
    assertEquals(new ZfsProvider().id(), ResourceAddress.zfsProvider());
    assertEquals(new ZfsProvider().id(), ResourceAddress.zfsVolume("n", "tank/v").provider());
    assertEquals(new ZfsProvider().id(), ResourceAddress.zfsFilesystem("n", "tank/f").provider());
  }
}
