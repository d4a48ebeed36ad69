package dev.tally.engine;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.tensorrt.nvinfer.IInt8EntropyCalibrator2;

/**
 * An INT8 calibrator that only replays a TAO calibration cache (cal.bin): it has no calibration images, so
 * {@link #getBatch} always returns false and TensorRT takes every scale from {@link #readCalibrationCache}.
 * The cache bytes stay in native memory owned by this object for as long as the build runs.
 */
final class CacheOnlyCalibrator extends IInt8EntropyCalibrator2 {
    private final BytePointer cache;
    private final int batch;

    CacheOnlyCalibrator(byte[] cacheBytes, int batch) {
        this.cache = new BytePointer(cacheBytes.length);
        this.cache.put(cacheBytes);
        this.batch = batch;
    }

    @Override
    public int getBatchSize() {
        return batch;
    }

    @Override
    public boolean getBatch(PointerPointer bindings, PointerPointer names, int nbBindings) {
        return false;
    }

    @Override
    public Pointer readCalibrationCache(LongPointer length) {
        length.put(cache.capacity());
        return cache;
    }

    @Override
    public void writeCalibrationCache(Pointer ptr, long length) {
        // the TAO cache is the source of truth; nothing new is calibrated
    }

    void release() {
        cache.close();
    }
}
