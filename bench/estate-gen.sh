#!/usr/bin/env bash
# Writes a large synthetic estate (sanctl configuration) for the plan/apply benchmarks:
#   bench/estate-gen.sh DIR TARGETS [NODES]
# NODES (default 8, even) Linux nodes in HA pairs (lvm + iet); one HA volume group with a meta
# volume per pair; TARGETS volumes of 1 GiB spread evenly over the groups, each exported as one
# IET target with a serial and an initiator group. Deterministic: the same arguments give the
# same files.
set -euo pipefail
dir="${1:?usage: estate-gen.sh DIR TARGETS [NODES]}"
targets="${2:?usage: estate-gen.sh DIR TARGETS [NODES]}"
nodes="${3:-8}"
(( nodes % 2 == 0 && nodes > 0 )) || { echo "NODES must be even" >&2; exit 2; }
pairs=$((nodes / 2))
mkdir -p "$dir"
{
  echo "apiVersion: sanctl/v1"
  echo "cluster: {name: bench, iqnPrefix: 'iqn.2026-12.dev.sanctl:bench', propertyNamespace: dev.sanctl}"
  echo "nodes:"
  for ((n = 1; n <= nodes; n++)); do
    printf '  san%02d: {address: 192.0.2.%d, os: linux, services: [lvm, iet]}\n' "$n" "$n"
  done
  echo "transport: {user: root, port: 22, knownHostsFile: known_hosts, connectTimeout: 10s, commandTimeout: 10m}"
  echo "policy: {autoApply: false, allowDestroy: false, allowDisruptive: false}"
} >"$dir/cluster.yaml"
{
  echo "volumeGroups:"
  for ((p = 0; p < pairs; p++)); do
    a=$((2 * p + 1)) b=$((2 * p + 2))
    printf '  vg_san%d:\n' "$p"
    printf '    nodes: [san%02d, san%02d]\n' "$a" "$b"
    printf '    metaVolume: {name: lv_meta, size: 1G, mountPoint: /mnt/iscsi-target/vg_san%d}\n' "$p"
    echo "    volumes:"
    for ((t = p; t < targets; t += pairs)); do printf '      lv%05d: {size: 1G}\n' "$t"; done
  done
} >"$dir/lvm.yaml"
{
  echo "portalGroups:"
  echo "  pg_san:"
  echo "    port: 3260"
  echo "    portals:"
  for ((n = 1; n <= nodes; n++)); do printf '      san%02d: [10.20.0.%d]\n' "$n" "$n"; done
  echo "initiatorGroups:"
  echo "  ig_hosts: [iqn.1994-05.com.redhat:host01, iqn.1994-05.com.redhat:host02]"
  echo "targetDefaults:"
  echo "  io: blockio"
  echo "targets:"
  for ((t = 0; t < targets; t++)); do
    printf '  - {volume: vg_san%d/lv%05d, serial: BENCH%05d, portalGroup: pg_san, initiators: [ig_hosts]}\n' \
      "$((t % pairs))" "$t" "$t"
  done
} >"$dir/iscsi.yaml"
