#!/usr/bin/env bash
# Installs the Debian 12 packages Tally's build, tests and demo need. Idempotent; run as root (or via sudo).
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
PACKAGES=(
  openjdk-17-jdk-headless maven
  gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad
  gstreamer1.0-plugins-ugly gstreamer1.0-libav gstreamer1.0-rtsp libgstrtspserver-1.0-0
  redis-server redis-tools openssl ffmpeg prometheus   # openssl: the Redis TLS test makes its CA and certificate
  systemd gcc g++ curl procps
  chromium fonts-dejavu-core   # status page test (headless browser, screenshot fonts)
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
# Debian starts these servers on install; tests start their own on free ports instead.
for svc in redis-server prometheus; do
  $SUDO systemctl disable --now "$svc" >/dev/null 2>&1 || true
done
echo "install-deps: all packages present"
