#!/usr/bin/env bash
# The side-by-side benchmark of Sio and Node.js socket.io 4.8.4 (wired as `./sio bench`).
#
#   sio-bench/run.sh [--quick | --full]
#                    [--scenarios echo,echo-burst,broadcast,paced-broadcast,connections,storm,polling]
#                    [--servers node,sio,tomcat,jetty] [--pin 0/1 | --no-pin] [--out FILE]
#                    [--note TEXT] [--sio-jvm "JVM OPTIONS"] [--skip-build]
#
# Builds sio-bench (and what it needs), runs `npm ci` for the Node.js fixture when needed, then
# runs every scenario against each server (default node,sio; tomcat and jetty are Sio's Servlet
# binding in embedded Tomcat 11 / Jetty 12, with --sio-jvm's options too), each server in a fresh
# process pinned to CPU 0 and the load tool pinned to CPU 1, and writes a markdown report
# (default sio-bench/target/bench-results-<date>.md). See docs/BENCHMARKS.md.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
js="$here/src/main/js"

build=1
args=()
for a in "$@"; do
  case "$a" in
    --skip-build) build=0 ;;
    --help|-h) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) args+=("$a") ;;
  esac
done

if [[ $build == 1 ]]; then
  echo "bench: building sio-bench" >&2
  # `package`, not `install`: the reactor's own jars are copied to target/bench-lib, and nothing
  # is written to ~/.m2 (other checkouts may be building there).
  (cd "$root" && { mvn -o -q -pl sio-bench -am package -DskipTests \
    || mvn -q -pl sio-bench -am package -DskipTests; })
fi
if [[ ! -d "$here/target/bench-lib" ]]; then
  echo "bench: $here/target/bench-lib is missing; run without --skip-build" >&2
  exit 1
fi
if [[ ! -d "$js/node_modules/socket.io" ]]; then
  echo "bench: npm ci for the Node.js fixture" >&2
  (cd "$js" && npm ci --no-audit --no-fund --loglevel=error)
fi

cp="$here/target/classes:$here/target/bench-lib/*"
exec java -cp "$cp" dev.sio.bench.BenchMatrix --module-dir "$here" \
  --command "sio-bench/run.sh $*" ${args[@]+"${args[@]}"}
