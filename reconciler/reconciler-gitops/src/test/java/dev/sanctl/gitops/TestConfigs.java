package dev.sanctl.gitops;

import java.nio.file.Path;

/** A one-node cluster with a files volume group and e-mail alerts, as YAML for test repos. */
public final class TestConfigs {
  public static final String VG_PATH = "/srv/sanctl/vg_lab";
  public static final String AUTO_APPLY =
      "{autoApply: true, allowDestroy: false, allowDisruptive: false}";

  private TestConfigs() {}

  /** cluster.yaml with the given policy and alerts to {@code 127.0.0.1:smtpPort}, no STARTTLS. */
  public static String clusterYaml(String policy, int smtpPort, Path passwordFile) {
    return "apiVersion: sanctl/v1\n"
        + "cluster: {name: lab, iqnPrefix: iqn.2024-01.org.example:lab}\n"
        + "nodes:\n"
        + "  san-a: {address: 192.0.2.11, os: linux, services: [files]}\n"
        + "policy: "
        + policy
        + "\n"
        + "alerts:\n"
        + "  email:\n"
        + "    from: sanctl@example.org\n"
        + "    to: [ops@example.org]\n"
        + "    smtp: {host: 127.0.0.1, port: "
        + smtpPort
        + ", starttls: false, username: sanctl, passwordFile: "
        + passwordFile
        + "}\n";
  }

  /** lvm.yaml: the files group {@code vg_lab} on san-a with these volume lines. */
  public static String volumes(String... lines) {
    StringBuilder sb =
        new StringBuilder("volumeGroups:\n  vg_lab:\n    type: files\n    path: " + VG_PATH + "\n");
    sb.append("    nodes: [san-a]\n    volumes:\n");
    for (String l : lines) sb.append("      ").append(l).append('\n');
    return sb.toString();
  }
}
