package dev.tally.engine;

/**
 * Measures an engine like {@code trtexec --loadEngine}: warm-up runs, then timed iterations of host-to-device
 * copy, inference and device-to-host copy, each phase synchronised and timed on its own. Inputs are
 * pseudo-random values in [0, 1) (never zeros, which can run faster than real data).
 */
final class EngineBench {
    /** Percentiles in milliseconds; throughput in images per second of inference time. */
    record Result(int batch, int iterations, double meanMs, double p50Ms, double p90Ms, double p95Ms, double p99Ms,
                  double maxMs, double imagesPerSecond, double h2dMeanMs, double d2hMeanMs, long inputBytes,
                  long outputBytes) {

        String report() {
            return String.format(java.util.Locale.ROOT, """
                    batch %d, %d iterations
                    inference latency ms: mean %.3f  p50 %.3f  p90 %.3f  p95 %.3f  p99 %.3f  max %.3f
                    throughput: %.1f images/s (%.1f batches/s)
                    host-to-device copy: mean %.3f ms for %d bytes; device-to-host copy: mean %.3f ms for %d bytes
                    end-to-end (copy in + infer + copy out) mean: %.3f ms""",
                    batch, iterations, meanMs, p50Ms, p90Ms, p95Ms, p99Ms, maxMs, imagesPerSecond,
                    imagesPerSecond / batch, h2dMeanMs, inputBytes, d2hMeanMs, outputBytes, h2dMeanMs + meanMs + d2hMeanMs);
        }
    }

    private EngineBench() {
    }

    static Result run(TrtExecution x, int batch, int warmup, int iterations) {
        x.setBatch(batch);
        java.nio.ByteBuffer in = x.host(x.inputIndex());
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
        for (int i = 0; i + 4 <= in.capacity(); i += 4) {
            in.putFloat(i, (float) rnd.nextDouble());
        }
        for (int i = 0; i < warmup; i++) {
            x.copyIn();
            x.enqueue();
            x.copyOut();
            x.sync();
        }
        double[] infer = new double[iterations];
        double h2d = 0;
        double d2h = 0;
        double inferTotal = 0;
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            x.copyIn();
            x.sync();
            long t1 = System.nanoTime();
            x.enqueue();
            x.sync();
            long t2 = System.nanoTime();
            x.copyOut();
            x.sync();
            long t3 = System.nanoTime();
            h2d += (t1 - t0) / 1e6;
            infer[i] = (t2 - t1) / 1e6;
            inferTotal += infer[i];
            d2h += (t3 - t2) / 1e6;
        }
        Percentiles p = new Percentiles(infer, iterations);
        return new Result(batch, iterations, p.mean(), p.at(50), p.at(90), p.at(95), p.at(99), p.at(100),
                batch * iterations / (inferTotal / 1000.0), h2d / iterations, d2h / iterations, x.inputBytes(),
                x.outputBytes());
    }

    /**
     * The same measurement for ONNX Runtime on the CPU ({@link dev.tally.inference.OnnxDetector}): batches of
     * random frames through {@code detectBatch}; latency is the native run of each batch, end-to-end adds the
     * preprocessing and decoding in Java.
     */
    static String onnx(dev.tally.inference.OnnxDetector d, int batch, int warmup, int iterations) {
        int w = d.inputWidth();
        int h = d.inputHeight();
        java.nio.ByteBuffer[] frames = new java.nio.ByteBuffer[batch];
        dev.tally.frame.Detections[] out = new dev.tally.frame.Detections[batch];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
        for (int i = 0; i < batch; i++) {
            frames[i] = java.nio.ByteBuffer.allocateDirect(w * h * 3);
            for (int k = 0; k < w * h * 3; k++) {
                frames[i].put(k, (byte) rnd.nextInt(256));
            }
            out[i] = new dev.tally.frame.Detections(1000);
        }
        for (int i = 0; i < warmup; i++) {
            d.detectBatch(frames, out, batch);
        }
        double[] infer = new double[iterations];
        double total = 0;
        double inferTotal = 0;
        for (int i = 0; i < iterations; i++) {
            long[] before = d.stageTotals();
            long t0 = System.nanoTime();
            d.detectBatch(frames, out, batch);
            long t1 = System.nanoTime();
            infer[i] = (d.stageTotals()[1] - before[1]) / 1e6;
            inferTotal += infer[i];
            total += (t1 - t0) / 1e6;
        }
        Percentiles p = new Percentiles(infer, iterations);
        return String.format(java.util.Locale.ROOT, """
                ONNX Runtime (CPU), batch %d, %d iterations
                inference latency ms: mean %.3f  p50 %.3f  p90 %.3f  p95 %.3f  p99 %.3f  max %.3f
                throughput: %.1f images/s (%.1f batches/s)
                end-to-end (preprocess + infer + decode) mean: %.3f ms""", batch, iterations, p.mean(), p.at(50),
                p.at(90), p.at(95), p.at(99), p.at(100), batch * iterations / (inferTotal / 1000.0),
                iterations / (inferTotal / 1000.0), total / iterations);
    }
}
