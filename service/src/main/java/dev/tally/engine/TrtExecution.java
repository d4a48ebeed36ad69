package dev.tally.engine;

import dev.tally.TallyException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorrt.global.nvinfer;
import org.bytedeco.tensorrt.nvinfer.Dims64;
import org.bytedeco.tensorrt.nvinfer.IExecutionContext;

/**
 * An execution context of an engine with every I/O tensor's device and host buffer allocated once, for
 * {@code maxBatch} images, and one CUDA stream. Per run: {@link #setBatch}, fill the input host buffer,
 * {@link #copyIn}, {@link #enqueue}, {@link #copyOut}, {@link #sync}; nothing is allocated per run.
 * Host buffers are plain (pageable) native memory viewed as direct ByteBuffers. Not thread-safe.
 */
final class TrtExecution implements AutoCloseable {
    final List<EngineInfo.Tensor> tensors;
    final int maxBatch;
    private final IExecutionContext context;
    private final CUstream_st stream = new CUstream_st();
    private final Pointer[] device;
    private final BytePointer[] host;
    private final ByteBuffer[] hostView;
    private final long[] perImageBytes;
    private final Dims64[] inputShapeAtBatch;
    private final int inputIndex;
    private int batch = -1;

    TrtExecution(TrtEngine trt, int maxBatch) {
        this.tensors = trt.info().tensors();
        this.maxBatch = maxBatch;
        this.context = trt.engine.createExecutionContext();
        if (context == null || context.isNull()) {
            throw TallyException.failure("TensorRT could not create an execution context: " + trt.logger.lastError());
        }
        check(cudart.cudaStreamCreate(stream), "cudaStreamCreate");
        int n = tensors.size();
        device = new Pointer[n];
        host = new BytePointer[n];
        hostView = new ByteBuffer[n];
        perImageBytes = new long[n];
        int in = -1;
        for (int i = 0; i < n; i++) {
            EngineInfo.Tensor t = tensors.get(i);
            long[] shape = t.input() ? TrtEngine.dims(trt.engine.getTensorShape(t.name())) : t.shape();
            long[] perImage = java.util.Arrays.copyOfRange(shape, 1, shape.length);
            perImageBytes[i] = TrtEngine.volume(perImage) * TrtEngine.bytesPer(trt.engine.getTensorDataType(t.name()));
            long bytes = perImageBytes[i] * maxBatch;
            device[i] = new Pointer();
            check(cudart.cudaMalloc(device[i], bytes), "cudaMalloc " + bytes + " bytes for " + t.name());
            host[i] = new BytePointer(bytes);
            hostView[i] = host[i].asByteBuffer().order(ByteOrder.nativeOrder());
            if (!context.setTensorAddress(t.name(), device[i])) {
                throw TallyException.failure("TensorRT rejected the buffer of tensor " + t.name());
            }
            if (t.input()) {
                in = i;
            }
        }
        inputIndex = in;
        long[] inShape = in >= 0 ? tensors.get(in).shape() : new long[0];
        inputShapeAtBatch = new Dims64[maxBatch + 1];
        for (int b = 1; b <= maxBatch && in >= 0; b++) {
            long[] s = inShape.clone();
            s[0] = inShape[0] < 0 ? b : inShape[0];
            inputShapeAtBatch[b] = JavaCppToolchain.dims(s);
        }
    }

    /** Host buffer of tensor i (whole batch, native order). */
    ByteBuffer host(int i) {
        return hostView[i];
    }

    int inputIndex() {
        return inputIndex;
    }

    int indexOf(String name) {
        for (int i = 0; i < tensors.size(); i++) {
            if (tensors.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    void setBatch(int n) {
        if (n == batch) {
            return;
        }
        if (n < 1 || n > maxBatch) {
            throw new IllegalArgumentException("batch " + n + " outside 1.." + maxBatch);
        }
        EngineInfo.Tensor in = tensors.get(inputIndex);
        if (in.shape()[0] < 0 && !context.setInputShape(in.name(), inputShapeAtBatch[n])) {
            throw TallyException.failure("the engine does not accept batch " + n + " for " + in.name());
        }
        batch = n;
    }

    void copyIn() {
        for (int i = 0; i < tensors.size(); i++) {
            if (tensors.get(i).input()) {
                check(cudart.cudaMemcpyAsync(device[i], host[i], perImageBytes[i] * batch, cudart.cudaMemcpyHostToDevice,
                        stream), "cudaMemcpyAsync H2D");
            }
        }
    }

    void enqueue() {
        if (!context.enqueueV3(stream)) {
            throw TallyException.failure("TensorRT inference failed (enqueueV3)");
        }
    }

    void copyOut() {
        for (int i = 0; i < tensors.size(); i++) {
            if (!tensors.get(i).input()) {
                check(cudart.cudaMemcpyAsync(host[i], device[i], perImageBytes[i] * batch, cudart.cudaMemcpyDeviceToHost,
                        stream), "cudaMemcpyAsync D2H");
            }
        }
    }

    void sync() {
        check(cudart.cudaStreamSynchronize(stream), "cudaStreamSynchronize");
    }

    long inputBytes() {
        return perImageBytes[inputIndex] * batch;
    }

    long outputBytes() {
        long s = 0;
        for (int i = 0; i < tensors.size(); i++) {
            s += tensors.get(i).input() ? 0 : perImageBytes[i] * batch;
        }
        return s;
    }

    private static void check(int rc, String what) {
        if (rc != 0) {
            throw TallyException.failure(what + " failed: " + cudart.cudaGetErrorString(rc).getString());
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < device.length; i++) {
            if (device[i] != null) {
                cudart.cudaFree(device[i]);
            }
            if (host[i] != null) {
                host[i].close();
            }
        }
        cudart.cudaStreamDestroy(stream);
        context.close();
    }
}
