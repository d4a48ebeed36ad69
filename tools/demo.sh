#!/usr/bin/env bash
# Tally demo: sets up a fresh Debian 12 machine (packages, build) and runs two synthetic warehouse cameras
# through Tally with the demo detector. While it runs:
#   annotated video   rtsp://127.0.0.1:8554/dock-1   rtsp://127.0.0.1:8554/aisle-3   (VLC, ffplay, gst-play-1.0)
#   status page       http://127.0.0.1:9108/          metrics http://127.0.0.1:9108/metrics
#   counts in Redis   redis-cli -p 6379 hgetall "tally:{demo}:cam:dock-1:now" ; redis-cli -p 6379 xrange "tally:{demo}:events" - + COUNT 5
# Ctrl-C stops it (final counts are flushed to Redis). Usage: tools/demo.sh [--seconds N]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN=""
if [ "${1:-}" = "--seconds" ]; then SECONDS_TO_RUN="$2"; fi

tools/install-deps.sh
echo "demo: building Tally (mvn package)"
mvn -B -q -DskipTests package

# A private Redis on 6379 for the demo's counts, unless one already answers there.
if ! redis-cli -p 6379 ping >/dev/null 2>&1; then
  mkdir -p var/demo/redis
  redis-server --port 6379 --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --dir "$PWD/var/demo/redis" --logfile "$PWD/var/demo/redis/redis.log"
  STARTED_REDIS=1
fi
cleanup() { if [ -n "${STARTED_REDIS:-}" ]; then redis-cli -p 6379 shutdown nosave >/dev/null 2>&1 || true; fi; }
trap cleanup EXIT

cat <<'MSG'
demo: starting Tally on examples/demo.conf
  annotated video: rtsp://127.0.0.1:8554/dock-1  rtsp://127.0.0.1:8554/aisle-3
  status page:     http://127.0.0.1:9108/    metrics: http://127.0.0.1:9108/metrics
  Redis counts:    redis-cli -p 6379 --scan --pattern 'tally:*'
MSG
if [ -n "$SECONDS_TO_RUN" ]; then
  bin/tally run -c examples/demo.conf &
  pid=$!
  sleep "$SECONDS_TO_RUN"
  kill -TERM "$pid"
  wait "$pid"
else
  bin/tally run -c examples/demo.conf
fi
