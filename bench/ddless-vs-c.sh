#!/usr/bin/env bash
# sanctl ddless against the C original (gc-labs/ddplus's ddless), hot cache, no-change re-run,
# 1 and 2 workers, alternating runs on the same files; prints medians and ratios (docs/benchmarks.md).
#
#   bench/ddless-vs-c.sh [DIR]          # default DIR=/var/tmp/ddless-bench; also run by ddless-bench.sh
#
# DDLESS_C_SRC: a checkout of https://github.com/gc-labs/ddplus (the directory holding src/Makefile,
# or its src/) or a tarball of one; else DIR/ddplus*.tar.gz is used if present. It is built with its
# own Makefile (gcc -O3 -pthread, zlib) in DIR/c-build, a scratch directory that is never committed.
# Without the source, a C compiler or zlib the comparison is skipped with the reason (exit 0).
# C_SIZES_MIB (default "2048 4096"), C_RUNS (default 7 rounds), BENCH_JAVA_OPTS (default -Xmx1g).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${1:-/var/tmp/ddless-bench}"
sizes="${C_SIZES_MIB:-2048 4096}"
runs="${C_RUNS:-7}"
java_opts="${BENCH_JAVA_OPTS:--Xmx1g}"
mkdir -p "$dir"
cd "$dir"

skip() { echo "| C original | skipped: $* | | |"; exit 0; }

src="${DDLESS_C_SRC:-}"
if [[ -z "$src" ]]; then
  src=$(ls -1 "$dir"/ddplus*.tar.gz 2>/dev/null | head -1 || true)
fi
[[ -n "$src" ]] || skip "no C source: set DDLESS_C_SRC to a gc-labs/ddplus checkout or tarball (or put DIR/ddplus*.tar.gz)"
[[ -e "$src" ]] || skip "DDLESS_C_SRC=$src does not exist"
command -v make >/dev/null || skip "no make"
cc=$(command -v gcc || command -v cc || true)
[[ -n "$cc" ]] || skip "no C compiler (gcc or cc)"
printf '#include <zlib.h>\nint main(void){return (int)crc32(0L,Z_NULL,0);}\n' > zcheck.c
"$cc" -o zcheck zcheck.c -lz 2>/dev/null || { rm -f zcheck.c; skip "no zlib headers (zlib1g-dev)"; }
rm -f zcheck zcheck.c

# build in a scratch directory
rm -rf c-build && mkdir c-build
if [[ -d "$src" ]]; then
  cp -r "$src"/. c-build/
else
  tar -xzf "$src" -C c-build --strip-components=1 || skip "cannot unpack $src"
fi
mk=c-build/src; [[ -f $mk/Makefile ]] || mk=c-build
[[ -f $mk/Makefile && -f $mk/ddless.c ]] || skip "$src has no (src/)Makefile with ddless.c"
mkdir -p "$mk/bindir"
make -s -C "$mk" CC="$cc" ddplus >c-build/build.log 2>&1 || skip "the C build failed (see $dir/c-build/build.log)"
cddless="$dir/$mk/bindir/ddplus"

# "WALL CPU" of a command (CPU: user + system seconds of it and its children, a measure that
# other processes on a loaded machine disturb much less than the wall clock)
TIMEFORMAT='%R %U %S'
measure() { { time "$@" >/dev/null 2>&1; } 2>&1 | awk '{printf "%s %.3f\n", $1, $2 + $3}'; }
# C: "WALL CPU"
c_run() { measure "$cddless" "$@"; }
# sanctl through the launcher, as users run it: "WALL CPU ENGINE"
sanctl_run() {
  local t
  t=$(measure sh -c 'o=$0; s=$1; shift; SANCTL_JAVA_OPTS="$o" "$s" ddless -q "$@" --json > "$OUT"' "$java_opts" "$here/sanctl" "$@")
  echo "$t $(sed -n 's/.*"seconds":\([0-9.]*\).*/\1/p' "$OUT")"
}
export OUT="$dir/c-build/sanctl.json"
median() { sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f\n", m}'; }

echo "# sanctl ddless against the C original, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: nproc=$(nproc), cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
  "load=$(cut -d' ' -f1-3 /proc/loadavg), java=$(java -version 2>&1 | head -1), C: $("$cc" --version | head -1) -O3"
echo "hot cache, no-change re-run, $runs alternating rounds (order swapped every round), medians;"
echo "engine = sanctl's own \"seconds\" (--json), wall = the whole process (sanctl: launcher and JVM start),"
echo "CPU = user + system seconds of the whole process (sanctl: launcher, JVM start, JIT, GC included)"
echo
echo "| size | workers | C wall | sanctl engine | sanctl wall | C wall / sanctl engine | C wall / sanctl wall | per-round medians of the two ratios | C CPU | sanctl CPU (whole process) | C CPU / sanctl CPU |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |"
for mib in $sizes; do
  f="c-src-$mib"
  if [[ ! -f $f || $(stat -c %s "$f") -ne $((mib * 1048576)) ]]; then
    head -c $((mib * 1048576)) /dev/urandom > "$f"
    rm -f "$f".tgt-*
  fi
  for t in c j; do [[ -f $f.tgt-$t ]] || cp "$f" "$f.tgt-$t"; done
  # first copies make the checksum files; both tools' files must be byte-identical
  c_run -s "$f" -t "$f.tgt-c" -c "$f.sum-c" -w 2 >/dev/null
  sanctl_run -s "$f" -t "$f.tgt-j" -c "$f.sum-j" -w 2 >/dev/null
  cmp -s "$f.sum-c" "$f.sum-j" || echo "WARNING: checksum files of C and sanctl differ for $f" >&2
  cat "$f" >/dev/null
  for w in 1 2; do
    c=""; j=""
    for r in $(seq "$runs"); do
      if (( r % 2 )); then
        c+="$(c_run -s "$f" -t "$f.tgt-c" -c "$f.sum-c" -w $w)
"
        j+="$(sanctl_run -s "$f" -t "$f.tgt-j" -c "$f.sum-j" -w $w)
"
      else
        j+="$(sanctl_run -s "$f" -t "$f.tgt-j" -c "$f.sum-j" -w $w)
"
        c+="$(c_run -s "$f" -t "$f.tgt-c" -c "$f.sum-c" -w $w)
"
      fi
    done
    cw=$(awk 'NF{print $1}' <<<"$c" | median); cc=$(awk 'NF{print $2}' <<<"$c" | median)
    jw=$(awk 'NF{print $1}' <<<"$j" | median); jc=$(awk 'NF{print $2}' <<<"$j" | median)
    je=$(awk 'NF{print $3}' <<<"$j" | median)
    pe=$(paste <(awk 'NF{print $1}' <<<"$c") <(awk 'NF{print $3}' <<<"$j") | awk '{print $1 / $2}' | median)
    pw=$(paste <(awk 'NF{print $1}' <<<"$c") <(awk 'NF{print $1}' <<<"$j") | awk '{print $1 / $2}' | median)
    printf '| %d MiB | %d | %s s | %s s | %s s | %.2f | %.2f | %.2f, %.2f | %s s | %s s | %.2f |\n' \
      "$mib" "$w" "$cw" "$je" "$jw" "$(echo "$cw / $je" | bc -l)" "$(echo "$cw / $jw" | bc -l)" \
      "$pe" "$pw" "$cc" "$jc" "$(echo "$cc / $jc" | bc -l)"
  done
done
echo
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
