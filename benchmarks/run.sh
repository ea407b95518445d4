#!/usr/bin/env bash
# run.sh - builds the benchmarks module and runs everything: the cross-process harness
# (interleaved repeats, medians, ratios to Agrona and to C) and the JMH hot-path benchmarks
# with the GC profiler, and the spring family (IpcTemplate -> @IpcListener beside a JDK Unix-domain
# socket and Spring Integration TCP). About four minutes on a quiet 2-core machine for the core
# family; the spring family adds its Boot startups (see README.md).
#
#   benchmarks/run.sh                 # everything
#   REPS=5 benchmarks/run.sh          # more repeats
#   SCALE=0.1 JMH=0 benchmarks/run.sh # quick look, no JMH
#   ONLY=shm-poll,agrona-handler benchmarks/run.sh
#   TESTS=rtt-64B benchmarks/run.sh   # a subset of thr-64B, thr-1KiB, rtt-64B
#   FAMILIES=spring JMH=0 benchmarks/run.sh  # core, spring or both (default core,spring)
#   FAMILIES=cloud-stream JMH=0 benchmarks/run.sh  # one Spring Cloud Stream app over ipc and over
#                                   # rabbit (needs RabbitMQ on localhost:5672; not in the default)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
REPS="${REPS:-3}"
SCALE="${SCALE:-1}"
JMH="${JMH:-1}"
FAMILIES="${FAMILIES:-core,spring}"
C_SOURCE="${C_SOURCE:-$ROOT/../shared/bench/c/ipcbench.c}"
TARGET="$HERE/target"

(cd "$ROOT" && mvn -B -q -DskipTests package -pl benchmarks -am)

# The C kit is read-only where it lives: build it into our target directory.
C_BIN=""
if command -v gcc > /dev/null && [ -f "$C_SOURCE" ]; then
  mkdir -p "$TARGET/c"
  gcc -O2 -o "$TARGET/c/ipcbench" "$C_SOURCE" -lrt -lpthread -lm && C_BIN="$TARGET/c/ipcbench"
else
  echo "(no gcc or no $C_SOURCE: C baselines skipped)" >&2
fi

WORK="$(mktemp -d /tmp/ipcbench-run.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
CP="$TARGET/classes:$TARGET/lib/*"
JVM_OPTS=(-Xms256m -Xmx256m -XX:+UseSerialGC --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED
  --enable-native-access=ALL-UNNAMED -Djna.nosys=true -Djna.tmpdir="$WORK" -Djava.io.tmpdir="$WORK")
[ -n "${TESTS:-}" ] && JVM_OPTS+=("-Dipcbench.tests=$TESTS")
CPUS="$(nproc)"
PIN=()
[ "$CPUS" -ge 2 ] && PIN=(taskset -c 0)

echo "== machine: $(uname -r), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //') x $CPUS, $(java -version 2>&1 | head -1)"
echo "== cross-process harness: reps=$REPS scale=$SCALE families=$FAMILIES"
STATUS=0
IPC_BENCH_CPUS="$CPUS" "${PIN[@]}" java "${JVM_OPTS[@]}" -cp "$CP" dev.springipc.benchmarks.Main run \
  --reps "$REPS" --scale "$SCALE" --families "$FAMILIES" ${C_BIN:+--c-bin "$C_BIN"} ${ONLY:+--only "$ONLY"} \
  || STATUS=$?

if [ "$JMH" = 1 ]; then
  echo "== JMH single-process hot paths, -prof gc"
  java "${JVM_OPTS[@]}" -cp "$CP" org.openjdk.jmh.Main 'dev.springipc.benchmarks.jmh.*' \
    -f 1 -wi 3 -w 1s -i 3 -r 1s -prof gc -jvmArgsAppend "${JVM_OPTS[*]}" \
    | grep -E '^(Benchmark +|[A-Za-z]+Benchmark\.[A-Za-z]+(:gc.alloc.rate.norm)? )'

  # The semaphore pair costs a few ns: on a loaded machine a 1 s iteration is mostly preemption.
  # So both sides are sampled in short windows (~1 ms) and the best window is compared.
  echo "== POSIX semaphore release+tryAcquire, best of short windows (ns/pair)"
  for path in fast jna; do
    best="$(java "${JVM_OPTS[@]}" -cp "$CP" org.openjdk.jmh.Main PosixSemaphoreBenchmark -p path="$path" \
      -f 1 -wi 20 -w 10ms -i 200 -r 2ms -jvmArgsAppend "${JVM_OPTS[*]}" \
      | awk '/^Iteration/ { print $3 }' | sort -n | head -1)"
    echo "Java $path: $best"
  done
  if [ -n "$C_BIN" ]; then
    best="$(for i in $(seq 50); do IPCB_TAG="ipcbench$$" "$C_BIN" sem-call 200000; done \
      | cut -d'|' -f4 | sort -n | head -1)"
    echo "C sem_post+sem_trywait (ipcbench sem-call): $best"
  fi
fi
exit "$STATUS"
