package dev.tally.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.tally.TallyException;
import dev.tally.config.ModelConfig;
import dev.tally.frame.Detections;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Detector} running an ONNX model on the CPU through ONNX Runtime (the portable backend's detector).
 *
 * <pre>
 *   packed RGB ──► Preprocessor ──► input buffer ──► session.run ──► output buffers ──► decoder ──► clusterer ──► out
 *                  (colour, scale,   (direct, NCHW,                   (direct, bound                (per class,
 *                   offsets)          one slot a frame)                 as pinned outputs)            as nvinfer)
 * </pre>
 *
 * Every buffer and tensor is created once in {@link #open}: one input and one set of output tensors per batch
 * size over the same direct buffers, so a frame costs no allocation beyond what ONNX Runtime does inside
 * {@code run}. A model whose batch dimension is dynamic runs up to {@link #maxBatch()} frames at once; a
 * fixed batch B always runs B frames (unused slots hold stale input). {@link #open} checks the model against
 * {@code model.type} and the configured input size and fails with one line listing the model's actual inputs
 * and outputs. Not thread-safe; {@link #close()} frees the native session.
 *
 * <p><b>Thread stack.</b> With {@code cpu-threads = 1} ONNX Runtime computes on the calling thread, and the
 * demo model's convolutions use close to the JVM's default 1 MiB thread stack: in a JMH fork pinned to one core
 * it crashed the JVM (SIGSEGV, no hs_err file) with {@code -Xss1m} and ran with 1.5 MiB, while plain threads
 * of 1 MiB survived elsewhere. Call {@link #detect} from a thread created with {@link #THREAD_STACK_BYTES}
 * ({@code new Thread(null, task, name, OnnxDetector.THREAD_STACK_BYTES)}) to stay clear of that edge.
 */
public final class OnnxDetector implements Detector {
    /** Stack size for threads that call into the detector (generous: 16 MiB of address space, mostly untouched). */
    public static final long THREAD_STACK_BYTES = 16L << 20;

    private final OrtSession session;
    private final List<OnnxTensor> tensors;
    private final List<Map<String, OnnxTensor>> inputsByBatch;
    private final List<Map<String, OnnxTensor>> outputsByBatch;
    private final boolean fixedBatch;
    private final int maxBatch;
    private final int width;
    private final int height;
    private final Preprocessor preprocessor;
    private final FloatBuffer input;
    private final OutputDecoder decoder;
    private final BoxClusterer clusterer;
    private final Detections candidates;

    private OnnxDetector(OrtSession session, ModelBinding binding, ModelConfig model) throws OrtException {
        this.session = session;
        this.width = model.inputWidth();
        this.height = model.inputHeight();
        this.maxBatch = binding.maxBatch;
        this.fixedBatch = binding.fixedBatch;
        this.preprocessor = new Preprocessor(model, binding.nhwc);
        this.input = binding.inputBuffer;
        this.decoder = binding.decoder;
        this.candidates = new Detections(Math.max(1, decoder.maxCandidates()));
        this.clusterer = new BoxClusterer(model, candidates.capacity());
        this.tensors = new ArrayList<>();
        this.inputsByBatch = new ArrayList<>();
        this.outputsByBatch = new ArrayList<>();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        for (int n = 1; n <= maxBatch; n++) {
            if (fixedBatch && n < maxBatch) {
                inputsByBatch.add(null);
                outputsByBatch.add(null);
                continue;
            }
            OnnxTensor in = tensor(env, input, binding.inputShape, n);
            inputsByBatch.add(Map.of(binding.inputName, in));
            Map<String, OnnxTensor> outs = new HashMap<>();
            for (int i = 0; i < binding.outputNames.length; i++) {
                outs.put(binding.outputNames[i], tensor(env, binding.outputBuffers[i], binding.outputShapes[i], n));
            }
            outputsByBatch.add(Map.copyOf(outs));
        }
    }

    /**
     * Loads {@code model.onnx()} and checks it against the config.
     *
     * @param wantedBatch frames per run when the model's batch dimension is dynamic (e.g. the camera count)
     * @throws TallyException (BAD_CONFIG) when the file is missing or unreadable, is not an ONNX model, or
     *     does not match {@code model.type} / the configured input size
     */
    public static OnnxDetector open(ModelConfig model, int wantedBatch) {
        Path path = model.onnx();
        if (path == null || !Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw TallyException.badConfig("model.onnx: " + path + " is not a readable file");
        }
        OrtSession session;
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(Math.max(1, model.cpuThreads()));
            opts.setInterOpNumThreads(1);
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = OrtEnvironment.getEnvironment().createSession(path.toString(), opts);
        } catch (OrtException e) {
            throw TallyException.badConfig("model " + path + " cannot be loaded by ONNX Runtime: "
                    + firstLine(e.getMessage()), e);
        }
        try {
            ModelBinding binding = ModelBinding.bind(path, model, new ModelSignature(session), wantedBatch);
            return new OnnxDetector(session, binding, model);
        } catch (OrtException | RuntimeException e) {
            closeQuietly(session);
            if (e instanceof TallyException te) {
                throw te;
            }
            throw TallyException.badConfig("model " + path + ": " + firstLine(e.getMessage()), e);
        }
    }

    @Override
    public int inputWidth() {
        return width;
    }

    @Override
    public int inputHeight() {
        return height;
    }

    @Override
    public int maxBatch() {
        return maxBatch;
    }

    @Override
    public void detect(ByteBuffer rgb, Detections out) {
        preprocessor.convert(rgb, input, 0);
        run(1);
        decodeInto(0, out);
    }

    @Override
    public void detectBatch(ByteBuffer[] rgb, Detections[] out, int n) {
        for (int start = 0; start < n; start += maxBatch) {
            int count = Math.min(maxBatch, n - start);
            long t0 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                preprocessor.convert(rgb[start + i], input, i * preprocessor.frameSize());
            }
            long t1 = System.nanoTime();
            run(count);
            long t2 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                decodeInto(i, out[start + i]);
            }
            long t3 = System.nanoTime();
            stageNanos[0] += t1 - t0;
            stageNanos[1] += t2 - t1;
            stageNanos[2] += t3 - t2;
            stageFrames += count;
        }
    }

    // cumulative time of detectBatch's stages (preprocess, native run, decode + cluster); written by the one
    // calling thread, read by tally bench
    private final long[] stageNanos = new long[3];
    private long stageFrames;

    /**
     * Cumulative nanoseconds {@link #detectBatch} spent in {0: preprocess (Java), 1: the native model run,
     * 2: decode and clustering (Java)} and, at index 3, the frames it processed. A copy, for benchmarks.
     */
    public long[] stageTotals() {
        return new long[] {stageNanos[0], stageNanos[1], stageNanos[2], stageFrames};
    }

    /** Runs the model over the first n input slots, without decoding (benchmarks measure this alone). */
    void run(int n) {
        int k = fixedBatch ? maxBatch - 1 : n - 1;
        try {
            // outputs land in the pinned direct buffers the decoder reads; the result holds nothing else
            session.run(inputsByBatch.get(k), outputsByBatch.get(k)).close();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime run failed: " + e.getMessage(), e);
        }
    }

    /** Decodes and clusters frame slot i of the last run. */
    void decodeInto(int i, Detections out) {
        decoder.decode(i, candidates);
        clusterer.cluster(candidates, out);
    }

    @Override
    public void close() {
        for (OnnxTensor t : tensors) {
            t.close();
        }
        closeQuietly(session);
    }

    private OnnxTensor tensor(OrtEnvironment env, FloatBuffer whole, long[] shape, int n) throws OrtException {
        long[] s = shape.clone();
        s[0] = n;
        long elements = 1;
        for (long d : s) {
            elements *= d;
        }
        FloatBuffer view = whole.duplicate().position(0).limit((int) elements).slice();
        OnnxTensor t = OnnxTensor.createTensor(env, view, s);
        tensors.add(t);
        return t;
    }

    static FloatBuffer directFloats(long count) {
        if (count > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("tensor too large: " + count + " floats");
        }
        return ByteBuffer.allocateDirect((int) count * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    private static void closeQuietly(OrtSession s) {
        try {
            s.close();
        } catch (OrtException e) {
            // nothing more to free
        }
    }

    static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
