#!/usr/bin/env bash
# ddless benchmark: the comparisons of docs/benchmarks.md (spec: shared/spec/ddless.md).
#
#   bench/ddless-bench.sh [DIR]        # default DIR=/var/tmp/ddless-bench
#
# Environment: SIZE_MIB (default 2048), RUNS (default 5, medians are reported), CHANGE_PCT
# (default 1), THROTTLE_BPS (default 1700000000: the disk limit of the throttled cold cases). Needs root for cold-cache runs (sync; echo 3 > /proc/sys/vm/drop_caches); without
# it, cold runs fall back to O_DIRECT reads (ddless -d, dd iflag=direct) and say so.
# Installs ddpt, gddrescue and rsync with apt-get when they are missing (benchmark only).
#
# Against the C original (gc-labs/ddplus, its ddless): set DDLESS_C_SRC to a checkout of
# https://github.com/gc-labs/ddplus (the directory holding src/Makefile, or src/ itself) or to a
# tarball of it (also looked for as DIR/ddplus*.tar.gz). It is built with its own Makefile (gcc -O3,
# zlib) in DIR/c-build, a scratch directory (never committed); then C and sanctl run alternately on
# the same files, hot cache, no-change re-run, 1 and 2 workers, at each size of C_SIZES_MIB
# (default "2048 4096"), C_RUNS rounds (default 7), and the ratios are printed. Without the source,
# a compiler or zlib the comparison is skipped with the reason. ONLY=c runs just this comparison
# (no cache dropping, no packages installed).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${1:-/var/tmp/ddless-bench}"
size_mib="${SIZE_MIB:-2048}"
runs="${RUNS:-5}"
pct="${CHANGE_PCT:-1}"
jar="$here/reconciler/reconciler-cli/target/sanctl.jar"
java_opts="${BENCH_JAVA_OPTS:--Xmx1g}"

mkdir -p "$dir"
cd "$dir"
if [[ ! -f "$jar" ]]; then
  (cd "$here" && mvn -q -B -DskipTests package -pl reconciler/reconciler-cli -am >&2)
fi
if [[ "${ONLY:-}" == c ]]; then
  exec "$here/bench/ddless-vs-c.sh" "$dir"
fi
for tool in ddpt ddrescue rsync; do
  if ! command -v "$tool" >/dev/null; then
    pkg="$tool"; [[ "$tool" == ddrescue ]] && pkg=gddrescue
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg" >/dev/null
  fi
done

# through the launcher, as users run it (it adds the class-data-sharing archive)
ddless() { SANCTL_JAVA_OPTS="$java_opts" "$here/sanctl" ddless "$@"; }

cold=drop_caches
if ! (sync && echo 3 > /proc/sys/vm/drop_caches) 2>/dev/null; then cold=direct; fi
drop() { if [[ "$cold" == drop_caches ]]; then sync; echo 3 > /proc/sys/vm/drop_caches; fi; }

# seconds taken by a command (its output discarded)
t() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
# ddless run: prints "WALL ENGINE" seconds (ENGINE: the run itself, from --json, without JVM start)
tdd() {
  local s e out
  s=$(date +%s.%N); out=$(${wrap:-} env SANCTL_JAVA_OPTS="$java_opts" "$here/sanctl" ddless "$@" --json 2>/dev/null); e=$(date +%s.%N)
  echo "$(echo "$e - $s" | bc -l) $(sed -n 's/.*"seconds":\([0-9.]*\).*/\1/p' <<<"$out")"
}
median() { sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f\n", m}'; }
col() { awk -v c="$1" 'NF{print $c}'; }
gbs() { printf '%.2f' "$(echo "$size_mib * 1048576 / $1 / 1000000000" | bc -l)"; }

# change CHANGE_PCT % of the 16 KiB segments of $1 at random; write their ddmap to $2
mutate() {
  python3 - "$1" "$2" "$pct" <<'PY'
import os, random, struct, sys
path, mappath, pct = sys.argv[1], sys.argv[2], float(sys.argv[3])
size = os.path.getsize(path); seg = 16384; n = (size + seg - 1) // seg
chosen = random.sample(range(n), max(1, int(n * pct / 100)))
words = [0] * ((n + 31) // 32)
with open(path, 'r+b') as f:
    for s in chosen:
        f.seek(s * seg); f.write(os.urandom(min(seg, size - s * seg)))
        words[s // 32] |= 1 << (s % 32)
name = b'bench.0'
with open(mappath, 'wb') as m:
    m.write(b'ddmap\0\0\0' + bytes([1, 0, 0, 0]) + struct.pack('<II', sum(name), len(words)))
    m.write(struct.pack('<%dI' % len(words), *words))
PY
}

echo "# ddless benchmark $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: nproc=$(nproc), cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
  "mem=$(free -g | awk '/Mem:/{print $2}') GiB, disk=$(df -h "$dir" | awk 'NR==2{print $1}')," \
  "load=$(cut -d' ' -f1-3 /proc/loadavg), java=$(java -version 2>&1 | head -1)"
echo "size=${size_mib} MiB, runs=$runs (median), changed=${pct}%, cold cache via: $cold"
echo

if [[ ! -f src || $(stat -c %s src) -ne $((size_mib * 1048576)) ]]; then
  head -c $((size_mib * 1048576)) /dev/urandom > src
  rm -f dst.*
fi
for d in ddless ddpt ddrescue rsync dd; do [[ -f dst.$d ]] || cp src dst.$d; done
rm -f dst.ddless.sum*
ddless -s src -t dst.ddless -c dst.ddless.sum >/dev/null
sync

row() { printf '| %s | %s s | %s GB/s | %s |\n' "$1" "$2" "$(gbs "$2")" "${3:-}"; }
# a ddless row from "WALL ENGINE" lines: engine time, wall time (with JVM start) in the note
drow() {
  local lines="$2" w e
  w=$(col 1 <<<"$lines" | median); e=$(col 2 <<<"$lines" | median)
  row "$1" "$e" "engine; wall with JVM start $w s = $(gbs "$w") GB/s${3:+; $3}"
}
echo "| case | median | rate (source bytes) | note |"
echo "| --- | ---: | ---: | --- |"

# 1. no-change re-run vs the read limit, hot
prep() { cat src >/dev/null; }
v=$(for i in $(seq "$runs"); do prep; t dd if=src of=/dev/null bs=8M; done | median)
row "hot: dd if=SRC of=/dev/null bs=8M" "$v" "read limit"
for w in 1 2; do
  v=$(for i in $(seq "$runs"); do prep; tdd -s src -t dst.ddless -c dst.ddless.sum -w $w; done)
  drow "hot: ddless no-change re-run -w $w" "$v"
done

# 1b. no-change re-run vs the read limit, cold. The cases are interleaved round by round, so that
# a shared disk's slow minutes hit every case alike; each round also yields per-round ratios.
declare -A cold_runs
cold_cases=("dd bs=8M" "dd (default bs)" "dd bs=8M iflag=direct" "ddless -w 1" "ddless -w 2"
  "ddless -w 2 -d")
ddflag=(); [[ $cold == direct ]] && ddflag=(iflag=direct)
for i in $(seq "$runs"); do
  drop; cold_runs["dd bs=8M"]+="$(t dd if=src of=/dev/null bs=8M "${ddflag[@]}") "
  drop; cold_runs["dd (default bs)"]+="$(t dd if=src of=/dev/null "${ddflag[@]}") "
  drop; cold_runs["dd bs=8M iflag=direct"]+="$(t dd if=src of=/dev/null bs=8M iflag=direct) "
  for w in 1 2; do
    dflag=(); [[ $cold == direct ]] && dflag=(-d)
    drop; cold_runs["ddless -w $w"]+="$(tdd -s src -t dst.ddless -c dst.ddless.sum -w $w "${dflag[@]}")
"
  done
  drop; cold_runs["ddless -w 2 -d"]+="$(tdd -s src -t dst.ddless -c dst.ddless.sum -w 2 -d)
"
done
# each ddless case against the dd that reads the same way: through the page cache (dd bs=8M) or
# around it (dd bs=8M iflag=direct, for -d); ratios of the medians and the median of per-round ratios
for c in "${cold_cases[@]}"; do
  if [[ $c != ddless* ]]; then
    v=$(tr ' ' '\n' <<<"${cold_runs[$c]}" | grep . | median)
    row "cold: $c" "$v" "read limit"
  else
    ref="dd bs=8M"; [[ $c == *-d* || $cold == direct ]] && ref="dd bs=8M iflag=direct"
    e=$(col 2 <<<"${cold_runs[$c]}" | median)
    ratio=$(paste <(tr ' ' '\n' <<<"${cold_runs[$ref]}" | grep .) \
      <(col 2 <<<"${cold_runs[$c]}") | awk '{print $2 / $1}' | median)
    drow "cold: $c no-change re-run" "${cold_runs[$c]}" \
      "$(printf 'engine/%s: %.2f of medians, %.2f median per round' "$ref" \
        "$(echo "$e / $(tr ' ' '\n' <<<"${cold_runs[$ref]}" | grep . | median)" | bc -l)" \
        "$ratio")"
  fi
done

# 1c. the same, cold, with the disk limited to the spec's reference disk (about 1.7 GB/s): a block
# I/O throttle (cgroup v1 blkio or v2 io.max) on the file's disk, so that the disk is the limit, as
# on the spec's machine; this VM's virtio disk is often served from the host's cache at 3-4.5 GB/s.
throttle_bps="${THROTTLE_BPS:-1700000000}"
cg_procs=""
disk=$(df --output=source "$dir" | tail -1)
majmin=$(lsblk -dno MAJ:MIN "$disk" 2>/dev/null | tr -d ' ')
parent=$(lsblk -no PKNAME "$disk" 2>/dev/null | head -1)
[[ -n "$parent" ]] && majmin=$(lsblk -dno MAJ:MIN "/dev/$parent" | tr -d ' ')
if [[ $cold == drop_caches && -n "$majmin" && -d /sys/fs/cgroup/blkio ]]; then
  mkdir -p /sys/fs/cgroup/blkio/ddless-bench
  echo "$majmin $throttle_bps" > /sys/fs/cgroup/blkio/ddless-bench/blkio.throttle.read_bps_device
  cg_procs=/sys/fs/cgroup/blkio/ddless-bench/cgroup.procs
elif [[ $cold == drop_caches && -n "$majmin" ]] && grep -qw io /sys/fs/cgroup/cgroup.controllers 2>/dev/null; then
  echo +io > /sys/fs/cgroup/cgroup.subtree_control 2>/dev/null || true
  mkdir -p /sys/fs/cgroup/ddless-bench
  echo "$majmin rbps=$throttle_bps" > /sys/fs/cgroup/ddless-bench/io.max
  cg_procs=/sys/fs/cgroup/ddless-bench/cgroup.procs
fi
# runs a command inside the throttled group
in_cg() { bash -c 'echo $$ > "$0" && exec "$@"' "$cg_procs" "$@"; }
if [[ -n "$cg_procs" ]]; then
  declare -A thr
  thr_cases=("dd bs=8M iflag=direct" "ddless -w 2 -d" "dd bs=8M" "ddless -w 2")
  for i in $(seq "$runs"); do
    drop; thr["dd bs=8M iflag=direct"]+="$(t in_cg dd if=src of=/dev/null bs=8M iflag=direct) "
    drop; thr["ddless -w 2 -d"]+="$(wrap=in_cg tdd -s src -t dst.ddless -c dst.ddless.sum -w 2 -d)
"
    drop; thr["dd bs=8M"]+="$(t in_cg dd if=src of=/dev/null bs=8M) "
    drop; thr["ddless -w 2"]+="$(wrap=in_cg tdd -s src -t dst.ddless -c dst.ddless.sum -w 2)
"
  done
  gbps=$(printf '%.2f' "$(echo "$throttle_bps / 1000000000" | bc -l)")
  for c in "${thr_cases[@]}"; do
    if [[ $c != ddless* ]]; then
      row "cold, disk limited to $gbps GB/s: $c" "$(tr ' ' '\n' <<<"${thr[$c]}" | grep . | median)" "read limit"
    else
      ref="dd bs=8M"; [[ $c == *-d* ]] && ref="dd bs=8M iflag=direct"
      e=$(col 2 <<<"${thr[$c]}" | median)
      ratio=$(paste <(tr ' ' '\n' <<<"${thr[$ref]}" | grep .) <(col 2 <<<"${thr[$c]}") \
        | awk '{print $2 / $1}' | median)
      drow "cold, disk limited to $gbps GB/s: $c no-change re-run" "${thr[$c]}" \
        "$(printf 'engine/%s: %.2f of medians, %.2f median per round' "$ref" \
          "$(echo "$e / $(tr ' ' '\n' <<<"${thr[$ref]}" | grep . | median)" | bc -l)" "$ratio")"
    fi
  done
else
  echo "| cold, disk limited | skipped: needs root, drop_caches and a blkio/io cgroup | | |"
fi

# 2. CHANGE_PCT % of segments changed, cold: every tool syncs its own copy of the last state
declare -A acc
for i in $(seq "$runs"); do
  mutate src map.ddmap
  drop; acc[ddless]+="$(tdd -s src -t dst.ddless -c dst.ddless.sum -w 2)
"
  drop; acc[ddpt]+="$(t ddpt if=src of=dst.ddpt bs=4096 bpt=2048,4 oflag=sparing) "
  drop; acc[ddrescue]+="$(t ddrescue -W -c 32 src dst.ddrescue) "
  drop; acc[rsync]+="$(t rsync --inplace --no-whole-file -I -B 16384 src dst.rsync) "
  drop; acc[dd]+="$(t dd if=src of=dst.dd bs=8M conv=notrunc) "
  for d in ddless ddpt ddrescue rsync dd; do cmp -s src dst.$d || echo "MISMATCH: $d" >&2; done
done
drow "cold ${pct}%: ddless -w 2" "${acc[ddless]}" "cmp ok"
row "cold ${pct}%: ddpt bs=4096 bpt=2048,4 oflag=sparing" "$(tr ' ' '\n' <<<"${acc[ddpt]}" | grep . | median)" "cmp ok"
row "cold ${pct}%: ddrescue -W -c 32" "$(tr ' ' '\n' <<<"${acc[ddrescue]}" | grep . | median)" "cmp ok"
row "cold ${pct}%: rsync --inplace --no-whole-file -B 16384" "$(tr ' ' '\n' <<<"${acc[rsync]}" | grep . | median)" "cmp ok"
row "cold ${pct}%: dd bs=8M conv=notrunc" "$(tr ' ' '\n' <<<"${acc[dd]}" | grep . | median)" "cmp ok"

# 3. map-driven: CHANGE_PCT % marked vs a full re-run, cold
m=""; f=""
for i in $(seq "$runs"); do
  mutate src map.ddmap
  drop; m+="$(tdd -s src -t dst.ddless -c dst.ddless.sum -m map.ddmap -w 2)
"
  cmp -s src dst.ddless || echo "MISMATCH: ddless -m" >&2
  drop; f+="$(tdd -s src -t dst.ddless -c dst.ddless.sum -w 2)
"
done
drow "cold: ddless -m (${pct}% marked) -w 2" "$m" "map-driven"
drow "cold: ddless full re-run -w 2" "$f" "same data, no map"

# 4. first copy with a new checksum file vs dd, cold
n=""; d=""
for i in $(seq "$runs"); do
  rm -f dst.ddless.sum; drop; n+="$(tdd -s src -t dst.ddless -c dst.ddless.sum -w 2)
"
  drop; d+="$(t dd if=src of=dst.dd bs=8M conv=notrunc) "
done
drow "cold: ddless first copy, new checksum file -w 2" "$n"
row "cold: dd bs=8M conv=notrunc (full copy)" "$(tr ' ' '\n' <<<"$d" | grep . | median)"
echo
"$here/bench/ddless-vs-c.sh" "$dir"
echo
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
