package dev.tally.engine;

import dev.tally.TallyException;
import dev.tally.config.ModelConfig;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.tensorrt.nvinfer.IInt8EntropyCalibrator2;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TensorRT's entropy calibrator (IInt8EntropyCalibrator2, the one TAO's exporter uses for cal.bin) fed with
 * images of a dataset through Tally's own preprocessing: each image is scaled to the network input (bilinear,
 * as {@code tally evaluate} does) and converted by {@link InputPacker}, nvinfer's
 * {@code y = net-scale-factor * (x - offset[c])} in the configured colour order. Batches of {@code batch}
 * images go to one device buffer; a trailing partial batch is left out. The cache TensorRT writes at the end
 * goes to {@code cacheFile} (temporary file, then renamed). Logs one progress line per batch.
 */
final class EntropyCalibrator extends IInt8EntropyCalibrator2 {
    private static final Logger LOG = LoggerFactory.getLogger(EntropyCalibrator.class);

    private final List<Path> images;
    private final ModelConfig model;
    private final int batch;
    private final int batches;
    private final InputPacker packer;
    private final BytePointer host;
    private final ByteBuffer hostView;
    private final Pointer device = new Pointer();
    private final ByteBuffer rgb;
    private final Path cacheFile;
    private final long started = System.nanoTime();
    private int next;
    private boolean written;

    EntropyCalibrator(List<Path> images, ModelConfig model, int batch, boolean nhwc, Path cacheFile) {
        this.images = images;
        this.model = model;
        this.batch = batch;
        this.batches = images.size() / batch;
        this.packer = new InputPacker(model, nhwc);
        this.cacheFile = cacheFile;
        long bytes = (long) packer.imageBytes() * batch;
        this.host = new BytePointer(bytes);
        this.hostView = host.asByteBuffer().order(ByteOrder.nativeOrder());
        this.rgb = ByteBuffer.allocateDirect(model.inputWidth() * model.inputHeight() * 3);
        int rc = cudart.cudaMalloc(device, bytes);
        if (rc != 0) {
            throw TallyException.failure("cudaMalloc " + bytes + " bytes for calibration failed: "
                    + cudart.cudaGetErrorString(rc).getString());
        }
    }

    int batches() {
        return batches;
    }

    boolean written() {
        return written;
    }

    @Override
    public int getBatchSize() {
        return batch;
    }

    @Override
    public boolean getBatch(PointerPointer bindings, PointerPointer names, int nbBindings) {
        if (next >= batches) {
            return false;
        }
        for (int i = 0; i < batch; i++) {
            CalibrationImages.scaled(images.get(next * batch + i), model.inputWidth(), model.inputHeight(), rgb);
            packer.pack(rgb, hostView, i);
        }
        int rc = cudart.cudaMemcpy(device, host, (long) packer.imageBytes() * batch, cudart.cudaMemcpyHostToDevice);
        if (rc != 0) {
            LOG.error("calibration: cudaMemcpy failed: {}", cudart.cudaGetErrorString(rc).getString());
            return false;
        }
        bindings.put(0, device);
        next++;
        LOG.info("calibration batch {}/{} ({} images, {} s)", next, batches, next * batch,
                (System.nanoTime() - started) / 1_000_000_000L);
        return true;
    }

    @Override
    public Pointer readCalibrationCache(LongPointer length) {
        length.put(0L); // no cache: calibrate from the images
        return null;
    }

    @Override
    public void writeCalibrationCache(Pointer ptr, long length) {
        byte[] bytes = new byte[(int) length];
        new BytePointer(ptr).capacity(length).get(bytes);
        try {
            AtomicFiles.write(cacheFile, ByteBuffer.wrap(bytes));
            written = true;
            LOG.info("calibration cache written: {} ({} bytes)", cacheFile, length);
        } catch (java.io.IOException e) {
            LOG.error("cannot write the calibration cache {}: {}", cacheFile, e.getMessage());
        }
    }

    void release() {
        cudart.cudaFree(device);
        host.close();
    }
}
