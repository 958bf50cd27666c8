package dev.sanctl.providers.tgt;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.model.NodeSpec;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.ImportContext;
import dev.sanctl.spi.provider.Imported;
import dev.sanctl.spi.provider.Importer;
import dev.sanctl.spi.provider.NodeState;
import dev.sanctl.spi.provider.ObserveContext;
import dev.sanctl.spi.provider.ObserveException;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.provider.PlanResult;
import dev.sanctl.spi.provider.Provider;
import dev.sanctl.spi.provider.ResourceAddress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Linux STGT ({@code tgtd}) as the iSCSI target backend: the same target model as iet, observed
 * with four commands per node and changed live with {@code tgtadm}; persisted in {@code
 * /etc/tgt/conf.d/sanctl.conf} so a tgtd restart comes back the same.
 */
public final class TgtProvider implements Provider, Importer {
  static final String ID = "tgt";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<String> executables() {
    return Set.of("tgtadm", "perl", "sh", "cat");
  }

  @Override
  public Set<String> dependsOn() {
    return ResourceAddress.volumeProviders();
  }

  @Override
  public TgtObservation observe(ObserveContext context) throws IOException {
    Host host = context.host();
    TgtCommands tgt = new TgtCommands(context.node().tgtControlPort());
    String targets = required(host, tgt.show("target"));
    String portals = required(host, tgt.show("portal"));
    String accounts = required(host, tgt.show("account"));
    CommandResult conf = host.run(Command.read("cat", TgtPersistedConfig.CONFIG_FILE));
    String config;
    if (conf.exitStatus() == CommandResult.TIMED_OUT) {
      throw new ObserveException(
          "reading "
              + TgtPersistedConfig.CONFIG_FILE
              + " did not finish within commandTimeout and was"
              + " killed");
    } else if (conf.ok()) {
      config = conf.out();
    } else if (conf.err().contains("No such file or directory")) {
      config = null;
    } else {
      throw new ObserveException(
          "cannot read " + TgtPersistedConfig.CONFIG_FILE + ": " + conf.err().trim());
    }
    return new TgtObservation(
        TgtShowParser.targets(targets),
        TgtShowParser.portals(portals),
        TgtShowParser.accounts(accounts),
        config);
  }

  private static String required(Host host, Command c) throws IOException {
    CommandResult r = host.run(c);
    if (r.exitStatus() == CommandResult.TIMED_OUT) {
      throw new ObserveException(c + " did not finish within commandTimeout and was killed");
    }
    if (!r.ok()) {
      throw new ObserveException(
          c
              + " failed with exit "
              + r.exitStatus()
              + ": "
              + r.err().trim()
              + (r.exitStatus() == 107 ? " (is tgtd running on the expected control port?)" : ""));
    }
    return r.out();
  }

  @Override
  public PlanResult plan(PlanContext context) {
    List<Change> changes = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    for (Map.Entry<String, NodeState> e : context.nodes().entrySet()) {
      String nodeName = e.getKey();
      if (!e.getValue().known()) continue;
      NodeSpec node = context.desired().nodes().get(nodeName);
      TgtObservation seen = (TgtObservation) e.getValue().observation();
      var wanted =
          DesiredTargets.forNode(context, nodeName, context.volumes().get(nodeName), findings);
      changes.addAll(new TgtNodePlanner(context.desired(), node, seen, findings).plan(wanted));
    }
    return new PlanResult(changes, findings);
  }

  @Override
  public Map<String, Object> importState(PlanContext context) {
    return importLive(new ImportContext(context, "/etc/sanctl")).sections();
  }

  @Override
  public Imported importLive(ImportContext context) {
    return TgtImport.imported(context);
  }
}
