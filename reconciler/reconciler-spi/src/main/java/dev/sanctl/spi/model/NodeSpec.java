package dev.sanctl.spi.model;

import java.util.List;

/**
 * One node of the cluster. Connection settings left null here fall back to {@link Transport}.
 *
 * @param connection {@code ssh} (default) or {@code local}
 * @param os {@code linux} or {@code illumos}
 * @param services provider ids that run on this node (lvm, iet, tgt, zfs, comstar, cron, backup)
 * @param tgtControlPort the {@code tgt.controlPort} option ({@code tgtadm -C N}), or null
 */
public record NodeSpec(
    String name,
    String address,
    String os,
    List<String> services,
    String connection,
    String user,
    Integer port,
    String identityFile,
    String knownHostsFile,
    Integer tgtControlPort,
    SourceRef source) {
  public boolean hasService(String id) {
    return services.contains(id);
  }

  public boolean isLocal() {
    return "local".equals(connection);
  }
}
