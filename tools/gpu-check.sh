#!/usr/bin/env bash
# Runs Tally's TensorRT checks on an x86-64 NVIDIA GPU host from the payload of tools/gpu-payload
# (docs/engines.md, "Running on a GPU host without Java or TensorRT"). Needs python3 with numpy, onnx,
# onnxruntime and Pillow for the plugin check.
#
#   tools/gpu-check.sh PARTS_DIR APP_TAR OUT_DIR
#
# PARTS_DIR holds runtime.p00.. ; the log of every step goes to OUT_DIR/gpu-check.log.
set -uo pipefail
PARTS=${1:?parts dir}; APP=${2:?app.tar.gz}; OUT=${3:?out dir}
REPO=$(cd "$(dirname "$0")/.." && pwd)
W=${GPU_CHECK_WORK:-/tmp/tally-gpu}
LOG=$OUT/gpu-check.log
mkdir -p "$OUT" "$W"
exec > >(tee -a "$LOG") 2>&1
step() { echo; echo "### $*"; }
timed() { local t0=$SECONDS; "$@"; local rc=$?; echo "(exit $rc, $((SECONDS - t0)) s)"; return $rc; }

step "unpack"
rm -rf "$W/demo" "$W/plugins"
[ "$APP" = - ] || tar -xzf "$APP" -C "$W"  # "-": already unpacked
(cd "$PARTS" && sha256sum -c runtime.sha256 --quiet) || { echo "payload parts damaged"; exit 1; }
timed bash -c "cat '$PARTS'/runtime.p* | LD_LIBRARY_PATH='$W/unpack' '$W/unpack/zstd' -d -q | tar -x -C '$W'"
(cd "$W" && grep -v ' SHA256SUMS$' SHA256SUMS | sha256sum -c --quiet) && echo "runtime files verified"
# jre-libs: libraries the Java runtime's image codecs link (Debian's libjavajpeg needs libjpeg.so.62)
export PATH=$W/jre/bin:$PATH LD_LIBRARY_PATH=$W/native:$W/stand-ins:$W/jre-libs
export TALLY_JAVA_OPTS="-Dorg.bytedeco.javacpp.cachedir=$W/javacpp"
T=$W/tally/bin/tally
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
java -version 2>&1 | head -1
nproc

D=$W/demo
mkdir -p "$D"
cp "$REPO/models/demo/tally-demo.onnx" "$D/"
step "datasets (tally dataset export: the demo model's held-out split, and a calibration split of other seeds)"
timed $T dataset export --format kitti --seed 9000 --cameras 10 --frames 300 --skip 300 --every 20 --width 480 \
  --height 272 --image-format jpg --jpeg-quality 0.85 --vary -o "$D/heldout" | tail -2
timed $T dataset export --format kitti --seed 5000 --cameras 20 --frames 200 --every 20 --width 480 \
  --height 272 --image-format jpg --jpeg-quality 0.85 --vary -o "$D/calib" | tail -2
for p in fp32 fp16 int8; do
  cat > "$D/$p.conf" <<EOF
tally {
  state-dir = state
  cameras = [ { id = cam, uri = "sim://warehouse?seed=1" } ]
  model { onnx = tally-demo.onnx, labels = [forklift, person, pallet], input-height = 272, input-width = 480,
          precision = $p, batch-size = 8, runtime = tensorrt, cpu-threads = $(nproc)
          calibration-cache = state/engines/cal.bin }
}
EOF
done
cd "$D"

step "engine calibrate (entropy calibrator, 400 images, batches of 8)"
mkdir -p state/engines && : > state/engines/cal.bin
timed $T engine calibrate -c int8.conf --dataset calib --images 400 --batch 8 -o state/engines/cal.bin
ls -l state/engines/cal.bin; head -c 200 state/engines/cal.bin | head -3

for p in fp32 fp16 int8; do
  step "engine build $p"
  timed $T engine build -c $p.conf
done
step "engine build fp16 again (cache reuse)"
timed $T engine build -c fp16.conf
ls -l state/engines/

for p in fp32 fp16 int8; do
  step "engine inspect $p"
  timed $T engine inspect state/engines/tally-demo.onnx_b8_gpu0_$p.engine -c $p.conf
done

for p in fp32 fp16 int8; do
  for b in 1 8; do
    step "engine bench $p batch $b"
    $T engine bench state/engines/tally-demo.onnx_b8_gpu0_$p.engine --batch $b --warmup 200 --iterations 2000
  done
done
for b in 1 8; do
  step "engine bench --onnxruntime batch $b ($(nproc) CPU threads)"
  $T engine bench --onnxruntime fp32.conf --batch $b --warmup 20 --iterations 200
done

step "evaluate: ONNX Runtime (CPU)"
timed $T evaluate -c fp32.conf --dataset heldout --runtime onnxruntime
step "evaluate: TensorRT fp32, fp16, int8, each against ONNX Runtime on the same frames"
timed $T evaluate -c fp32.conf --dataset heldout --precision fp32,fp16,int8 --compare-onnx

step "plugin decoders on real plugin outputs"
P=$W/plugins
python3 "$REPO/tools/trt_plugin_check.py" make "$P"
cd "$P"
for g in effnms bnms; do
  step "plugin $g: build, detect, compare"
  timed $T engine build -c $g.conf
  $T engine inspect state/engines/$g.onnx_b1_gpu0_fp32.engine
  $T engine detect -c $g.conf --raw images/*.png > $g.out
  head -12 $g.out
  python3 "$REPO/tools/trt_plugin_check.py" check "$P" $g $g.out
done

step "missing TensorRT: the same command without the TensorRT libraries"
LD_LIBRARY_PATH=$W/stand-ins:$W/jre-libs $T engine build -c "$D/fp16.conf"; echo "(exit $?)"
LD_LIBRARY_PATH=$W/native:$W/jre-libs $T evaluate -c "$D/fp16.conf" --dataset "$D/heldout"; echo "(exit $?)"
echo "done"
