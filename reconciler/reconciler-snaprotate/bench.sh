#!/usr/bin/env bash
# P5 benchmark of the snapshot rotation planner (docs/benchmarks-snaprotate.md).
# Usage: reconciler/reconciler-snaprotate/bench.sh [SNAPSHOTS]   (default 100000)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
mvn -B -q -pl reconciler/reconciler-snaprotate -am test-compile
cp="reconciler/reconciler-snaprotate/target/classes:reconciler/reconciler-snaprotate/target/test-classes"
cp="$cp:reconciler/reconciler-spi/target/classes"
exec java -Xms512m -Xmx512m -cp "$cp" dev.sanctl.snaprotate.PlannerBenchmark "$@"
