package dev.sanctl.providers.iet;

import dev.sanctl.spi.model.DesiredState;

/** The Amherst-style desired state of the tests: an HA pair with one LVM group and a lab node. */
final class Amherst {
  private Amherst() {}

  static final String CLUSTER =
      """
      cluster:
        name: amherst-san
        iqnPrefix: iqn.1990-01.edu.amherst:iet.iscsi-target4
        propertyNamespace: edu.amherst
      nodes:
        node1: {address: node1.example.edu, os: linux, services: [lvm, iet]}
        node2: {address: node2.example.edu, os: linux, services: [lvm, iet]}
      """;

  static final String LVM =
      """
      volumeGroups:
        vg_dsk_0:
          nodes: [node1, node2]
          metaVolume: {name: lv_iscsi_target, size: 8M, mountPoint: /mnt/iscsi-target/vg_dsk_0}
          volumes:
            lv_server01_apps_vol00: {size: 64M}
            lv_vmc02_vmfs_vm_iet_vol00: {size: 128M}
      """;

  static final String ISCSI =
      """
      portalGroups:
        pg_vlan10_fabric:
          port: 3260
          portals:
            node1: [10.0.1.1, 10.0.1.2]
            node2: [10.0.1.3, 10.0.1.4]
      initiatorGroups:
        ig_server01_apps: [iqn.1994-05.com.redhat:swiscsi.server01.apps]
        ig_vmc02: [iqn.1998-01.com.vmware:vmc02-node01, iqn.1998-01.com.vmware:vmc02-node02]
      iet:
        global: %s
      targetDefaults:
        io: blockio
        options: {InitialR2T: "No", ImmediateData: "Yes", MaxRecvDataSegmentLength: 262144,
                  MaxXmitDataSegmentLength: 262144, MaxBurstLength: 262144,
                  FirstBurstLength: 65536, NOPInterval: 0, NOPTimeout: 0}
      targets:
        - volume: vg_dsk_0/lv_server01_apps_vol00
          state: %s
          serial: AMHDSK-100415-01
          portalGroup: pg_vlan10_fabric
          initiators: [ig_server01_apps]
          comment: server01 apps
        - volume: vg_dsk_0/lv_vmc02_vmfs_vm_iet_vol00
          serial: AMHDSK-070401-02
          portalGroup: pg_vlan10_fabric
          initiators: [ig_vmc02]
          expectedSessions: 2
          chap:
            incoming: [{user: vmc02, secretFile: /etc/sanctl/secrets/vmc02.chap}]
      """;

  static final String GLOBALS =
      "{ImmediateData: \"Yes\", TgtNotFoundRespondServiceUnavailable: \"Yes\"}";

  static final String SERVER01 =
      "iqn.1990-01.edu.amherst:iet.iscsi-target4.pg-vlan10-fabric.vg-dsk-0.lv-server01-apps-vol00";
  static final String VMC02 =
      "iqn.1990-01.edu.amherst:iet.iscsi-target4.pg-vlan10-fabric.vg-dsk-0"
          + ".lv-vmc02-vmfs-vm-iet-vol00";

  static DesiredState state() {
    return with(GLOBALS, "online", LVM);
  }

  /** The state with other global options, server01 target state and lvm.yaml. */
  static DesiredState with(String globals, String server01State, String lvm) {
    return SimSan.load(
        "cluster.yaml", CLUSTER, "lvm.yaml", lvm, "iscsi.yaml", iscsi(globals, server01State));
  }

  static String iscsi(String globals, String server01State) {
    return ISCSI.formatted(globals, server01State);
  }

  /** The default state with one text replaced in iscsi.yaml. */
  static DesiredState withIscsi(String from, String to) {
    String iscsi = iscsi(GLOBALS, "online");
    if (!iscsi.contains(from)) throw new IllegalArgumentException(from);
    return SimSan.load(
        "cluster.yaml", CLUSTER, "lvm.yaml", LVM, "iscsi.yaml", iscsi.replace(from, to));
  }

  /** The default state with one text replaced in lvm.yaml. */
  static DesiredState withLvm(String from, String to) {
    if (!LVM.contains(from)) throw new IllegalArgumentException(from);
    return with(GLOBALS, "online", LVM.replace(from, to));
  }
}
