package dev.sanctl.core.render;

import static dev.sanctl.core.engine.testing.TestStates.node;
import static dev.sanctl.core.engine.testing.TestStates.state;

import dev.sanctl.core.engine.Engine;
import dev.sanctl.core.engine.testing.KvHost;
import dev.sanctl.core.engine.testing.ScriptedProvider;
import dev.sanctl.core.engine.testing.TestStates;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.provider.ProviderRegistry;
import dev.sanctl.spi.diag.Diagnostic;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.SourceRef;
import dev.sanctl.spi.provider.Action;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.FieldChange;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.Impact;
import dev.sanctl.spi.provider.ResourceAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Plans built by the engine from scripted test providers, for the renderer approvals. */
final class RichPlans {
  static final String SECRET = "Sup3rS3cret-chap";
  static final String REVISION = "0123456789abcdef0123456789abcdef01234567";
  static final String IQN = "iqn.2026-01.edu.example:san";

  private RichPlans() {}

  static Change change(
      String node,
      String provider,
      String kind,
      String name,
      Action a,
      Impact i,
      String reason,
      List<FieldChange> fields,
      List<Command> commands,
      List<String> initiators,
      List<ResourceAddress> dependsOn) {
    return new Change(
        ResourceAddress.of(node, provider, kind, name),
        a,
        i,
        reason,
        fields,
        commands,
        initiators,
        dependsOn);
  }

  /**
   * Creates, updates, replaces, deletes; breaking, disruptive with initiators; unmanaged; an
   * unknown node; a secret.
   */
  static Plan rich() {
    List<Change> vol =
        List.of(
            change(
                "san01",
                "vol",
                "volume",
                "vg0/data",
                Action.CREATE,
                Impact.NONE,
                "not present on node",
                List.of(FieldChange.of("size", null, "10737418240")),
                List.of(Command.change("lvcreate", "-L", "10737418240b", "-n", "data", "vg0")),
                List.of(),
                List.of()),
            change(
                "san01",
                "vol",
                "volume",
                "vg0/logs",
                Action.UPDATE,
                Impact.NONE,
                "size 1073741824 -> 2147483648",
                List.of(FieldChange.of("size", "1073741824", "2147483648")),
                List.of(Command.change("lvextend", "-L", "2147483648b", "vg0/logs")),
                List.of(),
                List.of()),
            change(
                "san02",
                "vol",
                "volume",
                "vg1/old",
                Action.DELETE,
                Impact.DESTRUCTIVE,
                "state: absent",
                List.of(FieldChange.of("size", "5368709120", null)),
                List.of(Command.change("lvremove", "-f", "vg1/old")),
                List.of(),
                List.of()),
            change(
                "san03",
                "vol",
                "volume",
                "vg2/x",
                Action.CREATE,
                Impact.NONE,
                "not present on node",
                List.of(),
                List.of(Command.change("lvcreate", "vg2")),
                List.of(),
                List.of()));
    List<Change> tgt =
        List.of(
            change(
                "san01",
                "tgt",
                "target",
                IQN + ".data",
                Action.CREATE,
                Impact.NONE,
                "not present on node",
                List.of(
                    FieldChange.of("lun.0.path", null, "/dev/vg0/data"),
                    new FieldChange("chap.incoming.alice.secret", null, SECRET, true)),
                List.of(
                    Command.change(
                        "ietadm", "--op", "new", "--tid", "3", "--params", "Name=" + IQN + ".data"),
                    Command.change(
                            "ietadm",
                            "--op",
                            "new",
                            "--tid",
                            "3",
                            "--user",
                            "--params",
                            "IncomingUser=alice,Password=" + SECRET)
                        .withSecret(SECRET),
                    Command.change("ietconf-write", "/etc/iet/ietd.conf").withSecret(SECRET)),
                List.of(),
                List.of(ResourceAddress.of("san01", "vol", "volume", "vg0/data"))),
            change(
                "san01",
                "tgt",
                "target",
                IQN + ".logs",
                Action.UPDATE,
                Impact.DISRUPTIVE,
                "LUN 0 resized (IET re-adds the LUN)",
                List.of(FieldChange.of("lun.0.size", "1073741824", "2147483648")),
                List.of(
                    Command.change("ietadm", "--op", "delete", "--tid", "2", "--lun", "0"),
                    Command.change(
                        "ietadm",
                        "--op",
                        "new",
                        "--tid",
                        "2",
                        "--lun",
                        "0",
                        "--params",
                        "Path=/dev/vg0/logs,Type=blockio")),
                List.of("iqn.1993-08.org.debian:01:web1", "iqn.1993-08.org.debian:01:web2"),
                List.of(ResourceAddress.of("san01", "vol", "volume", "vg0/logs"))),
            change(
                "san02",
                "tgt",
                "target",
                IQN + ".old",
                Action.DELETE,
                Impact.DISRUPTIVE,
                "volume is absent",
                List.of(FieldChange.of("tid", "4", null)),
                List.of(Command.change("ietadm", "--op", "delete", "--tid", "4")),
                List.of("iqn.1993-08.org.debian:01:db1"),
                List.of()),
            change(
                "san02",
                "tgt",
                "target",
                IQN + ".mail",
                Action.REPLACE,
                Impact.BREAKING,
                "serial changed: identity",
                List.of(FieldChange.of("lun.0.serial", "OLD1", "NEW2")),
                List.of(
                    Command.change("ietadm", "--op", "delete", "--tid", "5"),
                    Command.change(
                        "ietadm",
                        "--op",
                        "new",
                        "--tid",
                        "5",
                        "--params",
                        "Name=" + IQN + ".mail")),
                List.of(),
                List.of()));
    List<Finding> findings =
        List.of(
            Finding.unmanaged(
                ResourceAddress.of("san01", "vol", "volume", "vg0/stray"),
                "volume vg0/stray is not in the desired state",
                "add it or remove it by hand",
                null),
            Finding.error(
                ResourceAddress.of("san02", "vol", "volume", "vg1/db"),
                "cannot shrink vg1/db from 20G to 10G",
                "volumes never shrink",
                new SourceRef("volumes.yaml", 14, 9)),
            new Finding(
                Finding.Kind.WARNING,
                "san02",
                (ResourceAddress) null,
                "volume group vg1 is held by san02, its preferred node is san01",
                null,
                null),
            Finding.drift(
                ResourceAddress.of("san01", "tgt", "target", IQN + ".data"),
                "1 session logged in, 2 expected",
                null,
                new SourceRef("targets.yaml", 5, 5)),
            Finding.unmanaged(
                ResourceAddress.of("san03", "vol", "volume", "vg2/y"), "never shown", null, null));
    return plan(
        List.of(
            new ScriptedProvider(
                "vol", Set.of(), Set.of("lvcreate", "lvextend", "lvremove"), vol, findings),
            new ScriptedProvider(
                "tgt", Set.of("vol"), Set.of("ietadm", "ietconf-write"), tgt, List.of())),
        true,
        List.of(
            Diagnostic.warning(
                new SourceRef("targets.yaml", 22, 3),
                "target comment is longer than 60 characters",
                "shorten it")));
  }

  static Plan none() {
    return plan(
        List.of(new ScriptedProvider("vol", Set.of(), Set.of("lvcreate"), List.of(), List.of())),
        false,
        List.of());
  }

  /** {@code n} volume creates spread over three nodes, every hundredth one a destroy. */
  static Plan large(int n) {
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String node = "san0" + (1 + i % 3);
      String name = String.format("vg0/volume_%05d", i);
      boolean destroy = i % 100 == 7;
      changes.add(
          change(
              node,
              "vol",
              "volume",
              name,
              destroy ? Action.DELETE : Action.CREATE,
              destroy ? Impact.DESTRUCTIVE : Impact.NONE,
              destroy ? "state: absent" : "not present on node",
              List.of(
                  FieldChange.of(
                      "size", destroy ? "1073741824" : null, destroy ? null : "1073741824")),
              List.of(
                  Command.change("lvcreate", "-L", "1073741824b", "-n", name.substring(4), "vg0")),
              List.of(),
              List.of()));
    }
    return plan(
        List.of(new ScriptedProvider("vol", Set.of(), Set.of("lvcreate"), changes, List.of())),
        false,
        List.of());
  }

  private static Plan plan(
      List<ScriptedProvider> providers, boolean san03Down, List<Diagnostic> diagnostics) {
    DesiredState d =
        state(
            List.of(
                node("san01", "vol", "tgt"),
                node("san02", "vol", "tgt"),
                node("san03", "vol", "tgt")),
            List.of());
    d = d.withRevision(REVISION);
    Map<String, KvHost> hosts =
        Map.of(
            "san01",
            new KvHost("san01"),
            "san02",
            new KvHost("san02"),
            "san03",
            new KvHost("san03"));
    try (Engine e =
        new Engine(
            ProviderRegistry.of(providers),
            (node, desired) -> {
              if (san03Down && node.name().equals("san03")) {
                throw new dev.sanctl.spi.host.HostUnreachableException(
                    "connect to san03.example:22 timed out after 10s");
              }
              return TestStates.hosts(hosts).open(node, desired);
            },
            p -> SECRET)) {
      return e.plan(d, List.of(), diagnostics);
    }
  }
}
