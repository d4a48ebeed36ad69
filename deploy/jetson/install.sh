#!/usr/bin/env bash
# Installs Tally on a JetPack 6 Jetson (Orin Nano / NX / AGX) as a systemd service. Idempotent: running it
# again upgrades the jar and unit and keeps /etc/tally. Run from a source checkout after
# `mvn -B -DskipTests package`, or from an unpacked release (bin/, lib/, systemd/, examples/).
#
#   sudo deploy/jetson/install.sh [--config my-site.conf] [--java /path/to/jdk] [--no-start]
#                                 [--rtdetr-parser-src nvdsinfer_custombboxparser_tao.cpp]
#   sudo deploy/jetson/install.sh --uninstall [--purge]
# DeepStream itself (6.2-9.x; 7.1 on JetPack 6.1/6.2) is installed first, per NVIDIA's installation guide.
set -euo pipefail

PREFIX=/opt/tally
ETC=/etc/tally
UNIT=/etc/systemd/system/tally.service
CONFIG=""
JAVA_HOME_ARG=""
START=1
UNINSTALL=0
PURGE=0

RTDETR_SRC=""
usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --config) CONFIG="$2"; shift 2 ;;
    --java) JAVA_HOME_ARG="$2"; shift 2 ;;
    --no-start) START=0; shift ;;
    --uninstall) UNINSTALL=1; shift ;;
    --purge) PURGE=1; shift ;;
    --prefix) PREFIX="$2"; shift 2 ;;
    --rtdetr-parser-src) RTDETR_SRC="$2"; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "install.sh: unknown option $1" >&2; usage 2 ;;
  esac
done

[ "$(id -u)" -eq 0 ] || { echo "install.sh: run as root (sudo)" >&2; exit 1; }
have_systemd() { [ -d /run/systemd/system ]; }

if [ "$UNINSTALL" -eq 1 ]; then
  if have_systemd; then systemctl disable --now tally.service 2>/dev/null || true; fi
  rm -f "$UNIT"; have_systemd && systemctl daemon-reload || true
  rm -rf "$PREFIX"
  if [ "$PURGE" -eq 1 ]; then
    rm -rf "$ETC" /var/lib/tally /var/cache/tally /var/log/tally
    id tally >/dev/null 2>&1 && userdel tally || true
  fi
  echo "tally uninstalled$([ "$PURGE" -eq 1 ] && echo ' (config, state and user removed)')"
  exit 0
fi

SRC="$(cd "$(dirname "$0")/../.." && pwd)"
if [ -f "$SRC/service/target/tally.jar" ]; then
  JAR="$SRC/service/target/tally.jar"; LIB="$SRC/service/target/lib"
elif [ -f "$SRC/lib/tally.jar" ]; then
  JAR="$SRC/lib/tally.jar"; LIB="$SRC/lib/lib"
else
  echo "install.sh: no tally.jar; build first: mvn -B -DskipTests package" >&2; exit 1
fi

# Java 17+: the one given, the distribution's, or install openjdk-17-jre-headless (Ubuntu 22.04 on JetPack 6).
if [ -n "$JAVA_HOME_ARG" ]; then
  JAVA="$JAVA_HOME_ARG/bin/java"
elif command -v java >/dev/null && java -version 2>&1 | grep -Eq 'version "(1[7-9]|[2-9][0-9])'; then
  JAVA="$(readlink -f "$(command -v java)")"
else
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q openjdk-17-jre-headless
  JAVA="$(readlink -f "$(command -v java)")"
fi
"$JAVA" -version >/dev/null 2>&1 || { echo "install.sh: $JAVA does not run" >&2; exit 3; }

# GStreamer runtime pieces the portable backend and RTSP output need (DeepStream brings its own plugins).
if command -v apt-get >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad \
    gstreamer1.0-plugins-ugly gstreamer1.0-libav gstreamer1.0-rtsp libgstrtspserver-1.0-0 >/dev/null
fi

# DeepStream: Tally reads the installed release from its version file and generates for it. It needs the
# libraries every DeepStream install ships (the TAO parsers and the NvMultiObjectTracker); RT-DETR before 9.0
# needs NVIDIA's RT-DETR parser built from the source file NVIDIA publishes with its RT-DETR reference config
# (see docs/jetson.md), given with --rtdetr-parser-src.
DS=/opt/nvidia/deepstream/deepstream
if [ -f "$DS/version" ]; then
  DS_VERSION="$(sed -n 's/^Version: *//p' "$DS/version" | head -n 1)"
  echo "install.sh: DeepStream $DS_VERSION found in $DS"
  for lib in "$DS/lib/libnvds_infercustomparser.so" "$DS/lib/libnvds_nvmultiobjecttracker.so" \
             "$DS/lib/libnvdsgst_meta.so" "$DS/lib/libnvds_meta.so"; do
    [ -f "$lib" ] || echo "install.sh: warning: $lib is missing; reinstall DeepStream" >&2
  done
  command -v gst-inspect-1.0 >/dev/null && ! gst-inspect-1.0 nvv4l2h264enc >/dev/null 2>&1 \
    && echo "install.sh: no hardware H.264 encoder (nvv4l2h264enc), as on an Orin Nano: output is encoded with x264"
else
  echo "install.sh: DeepStream is not installed ($DS/version missing); pipeline.backend = auto will use the portable backend"
fi
if [ -n "$RTDETR_SRC" ]; then
  [ -f "$DS/version" ] || { echo "install.sh: --rtdetr-parser-src needs DeepStream installed" >&2; exit 3; }
  install -d -m 0755 "$PREFIX/lib"
  g++ -Wall -std=c++14 -shared -fPIC -I"$DS/sources/includes" -I/usr/local/cuda/include \
      -o "$PREFIX/lib/libnvds_infercustomparser_rtdetr.so" "$RTDETR_SRC" \
      -L/usr/local/cuda/lib64 -lnvinfer -lcudart \
    || { echo "install.sh: building the RT-DETR parser from $RTDETR_SRC failed" >&2; exit 3; }
  nm -D "$PREFIX/lib/libnvds_infercustomparser_rtdetr.so" | grep -q NvDsInferParseCustomDDETRTAO \
    || { echo "install.sh: $RTDETR_SRC does not define NvDsInferParseCustomDDETRTAO" >&2; exit 3; }
  echo "install.sh: RT-DETR parser installed as $PREFIX/lib/libnvds_infercustomparser_rtdetr.so"
fi

# System user with access to the GPU and video devices.
if ! id tally >/dev/null 2>&1; then
  useradd --system --home-dir /var/lib/tally --shell /usr/sbin/nologin tally
fi
for g in video render; do getent group "$g" >/dev/null && usermod -aG "$g" tally; done

install -d -m 0755 "$PREFIX" "$PREFIX/bin" "$PREFIX/lib" "$PREFIX/lib/lib" "$PREFIX/models"
install -m 0644 "$JAR" "$PREFIX/lib/tally.jar"
rm -f "$PREFIX/lib/lib/"*.jar
install -m 0644 "$LIB"/*.jar "$PREFIX/lib/lib/"
cat > "$PREFIX/bin/tally" <<LAUNCH
#!/usr/bin/env bash
# two malloc arenas: RSS stays flat across camera reconnects (see docs/benchmarks.md)
export MALLOC_ARENA_MAX="\${MALLOC_ARENA_MAX:-2}"
exec "$JAVA" \${TALLY_JAVA_OPTS:-} -jar "$PREFIX/lib/tally.jar" "\$@"
LAUNCH
chmod 0755 "$PREFIX/bin/tally"
[ -f "$SRC/README.md" ] && install -m 0644 "$SRC/README.md" "$PREFIX/README.md"

install -d -m 0750 -g tally "$ETC"
if [ -n "$CONFIG" ]; then
  install -m 0640 -g tally "$CONFIG" "$ETC/tally.conf"
elif [ ! -f "$ETC/tally.conf" ]; then
  install -m 0640 -g tally "$SRC/deepstream-configs/warehouse-4cam.conf" "$ETC/tally.conf"
fi
[ -f "$ETC/tally.env" ] || install -m 0640 -g tally "$SRC/systemd/tally.env" "$ETC/tally.env"

sed "s#/opt/tally#$PREFIX#g" "$SRC/systemd/tally.service" > "$UNIT.tmp" && mv "$UNIT.tmp" "$UNIT"

# Validate before (re)starting: a bad config is reported one problem a line, and the service is not started.
if ! "$PREFIX/bin/tally" validate -c "$ETC/tally.conf" >/dev/null; then
  echo "install.sh: installed, but $ETC/tally.conf is not valid yet (see above); fix it, then: systemctl restart tally" >&2
  START=0
fi

if have_systemd; then
  systemctl daemon-reload
  systemctl enable tally.service >/dev/null
  if [ "$START" -eq 1 ]; then systemctl restart tally.service; fi
fi
echo "tally installed in $PREFIX (config $ETC/tally.conf); logs: journalctl -u tally -f"
