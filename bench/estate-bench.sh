#!/usr/bin/env bash
# Large-estate benchmark on the simulator (docs/benchmarks.md "Large estates"): for each size,
# generates an estate of TARGETS targets on NODES nodes (bench/estate-gen.sh), makes a simulated
# cluster (sanctl sim init) and times, through the sanctl launcher, in this order:
#   sanctl --version            (start-up; RUNS times, median; the ratios below are against it)
#   sanctl validate             (RUNS times, median)
#   sanctl plan                 (first plan: everything to create; RUNS times, median)
#   sanctl apply --auto-approve (first apply of every change; once; only up to APPLY_MAX targets)
#   sanctl plan                 (converged: no change; RUNS times, median; after the apply)
# Each command's wall time, CPU time (user+sys) and maximum resident set (/usr/bin/time -v) are
# reported in one Markdown table with the machine and load. Never a pass/fail: a measurement.
#
#   bench/estate-bench.sh [DIR]     # default DIR=/var/tmp/estate-bench (made anew)
#
# Environment: SIZES (default "500 5000 20000"), NODES (8), RUNS (3), APPLY_MAX (5000),
# SANCTL_JAVA_OPTS (passed to the JVM after the launcher's options by command, dist/jvm-options.sh;
# e.g. -Xmx512m; default none).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${1:-/var/tmp/estate-bench}"
sizes="${SIZES:-500 5000 20000}"
nodes="${NODES:-8}"
runs="${RUNS:-3}"
apply_max="${APPLY_MAX:-5000}"
sanctl="$here/sanctl"
rm -rf "$dir"
mkdir -p "$dir"
"$sanctl" --version >/dev/null # builds the jar and the CDS archive when missing

# measure LABEL CMD...: runs CMD once, appends "wall cpu rss_kib exit" to $dir/LABEL.times
measure() {
  local label="$1"
  shift
  local t="$dir/time.out" rc=0
  /usr/bin/time -v -o "$t" "$@" >"$dir/$label.out" 2>&1 || rc=$?
  awk -v rc="$rc" -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + p[i] }
    /User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident/ { m = $2 }
    END { printf "%.3f %.3f %d %d\n", w, u + s, m, rc }' "$t" >>"$dir/$label.times"
}

# median LABEL FIELD: the median of a column of $dir/LABEL.times (1 wall, 2 cpu, 3 rss KiB)
median() {
  sort -n -k"$2" "$dir/$1.times" | awk -v f="$2" '{ v[NR] = $f } END { print v[int((NR + 1) / 2)] }'
}

echo "# estate benchmark $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: nproc=$(nproc), cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)," \
  "mem=$(awk '/MemTotal/ { printf "%d GiB", $2 / 1048576 }' /proc/meminfo)," \
  "load=$(cut -d' ' -f1-3 /proc/loadavg), java=$(java -version 2>&1 | head -1)"
echo "nodes=$nodes, runs=$runs (medians), SANCTL_JAVA_OPTS=${SANCTL_JAVA_OPTS:-}"
echo
echo "| targets | changes | command | wall | x start-up | CPU | max RSS | exit |"
echo "| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |"
for n in $sizes; do
  cfg="$dir/estate-$n" sim="$dir/sim-$n" state="$dir/state-$n"
  "$here/bench/estate-gen.sh" "$cfg" "$n" "$nodes"
  "$sanctl" sim init "$sim" -C "$cfg" >/dev/null
  for ((r = 0; r < runs; r++)); do
    measure "version-$n" "$sanctl" --version
    measure "validate-$n" "$sanctl" validate -C "$cfg"
    measure "plan-$n" "$sanctl" plan -C "$cfg" --sim "$sim" --state-dir "$state"
  done
  changes=$(sed -n 's/^Plan: \([0-9]*\) to add, \([0-9]*\) to change, \([0-9]*\) to destroy.*/\1 \2 \3/p' \
    "$dir/plan-$n.out" | awk '{ print $1 + $2 + $3 }')
  rows=(validate plan)
  if ((n <= apply_max)); then
    measure "apply-$n" "$sanctl" apply -C "$cfg" --sim "$sim" --state-dir "$state" --auto-approve
    for ((r = 0; r < runs; r++)); do
      measure "converged-$n" "$sanctl" plan -C "$cfg" --sim "$sim" --state-dir "$state" --detailed-exitcode
    done
    rows+=(apply converged)
  fi
  v=$(median "version-$n" 1)
  printf '| %s | %s | `sanctl --version` | %.2f s | 1.0 | %.2f s | %d MiB | 0 |\n' \
    "$n" "$changes" "$v" "$(median "version-$n" 2)" $(($(median "version-$n" 3) / 1024))
  for row in "${rows[@]}"; do
    w=$(median "$row-$n" 1)
    case "$row" in
      validate) what='`sanctl validate`' ;;
      plan) what='`sanctl plan` (first)' ;;
      apply) what='`sanctl apply --auto-approve` (first, once)' ;;
      converged) what='`sanctl plan` (converged)' ;;
    esac
    printf '| %s | %s | %s | %.2f s | %.1f | %.2f s | %d MiB | %s |\n' "$n" "$changes" "$what" "$w" \
      "$(awk -v a="$w" -v b="$v" 'BEGIN { print a / b }')" "$(median "$row-$n" 2)" \
      $(($(median "$row-$n" 3) / 1024)) "$(awk '{ print $4 }' "$dir/$row-$n.times" | sort -u | tr '\n' ' ' | sed 's/ $//')"
  done
  rm -rf "$sim/_san/lv" # sparse LV files: no space, but many inodes
done
echo
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
