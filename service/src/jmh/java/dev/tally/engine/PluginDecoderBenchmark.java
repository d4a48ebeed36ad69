package dev.tally.engine;

import dev.tally.config.ModelConfig;
import dev.tally.config.ModelConfig.ClassThresholds;
import dev.tally.config.ModelConfig.ClusterMode;
import dev.tally.config.ModelConfig.ColorFormat;
import dev.tally.config.ModelConfig.ModelType;
import dev.tally.config.ModelConfig.Precision;
import dev.tally.frame.Detections;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding one image of a full BatchedNMS output (200 rows, 3 classes) into Detections; expect 0 B/op.
 * Run: {@code mvn -B -q -o test-compile && java -cp "service/target/test-classes:service/target/classes:$(cat cp.txt)"
 * org.openjdk.jmh.Main PluginDecoderBenchmark -prof gc} (cp.txt from {@code mvn dependency:build-classpath}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class PluginDecoderBenchmark {
    private static final int K = 200;
    private BatchedNmsDecoder decoder;
    private final Detections out = new Detections(256);

    @Setup
    public void setUp() {
        ModelConfig m = new ModelConfig(ModelType.YOLOV4, Path.of("m.onnx"), null, List.of("a", "b", "c"), 3, 544, 960,
                ColorFormat.BGR, 1.0, new float[3], true, Precision.FP16, null, 1, 16, 35f, 0.5f, ClusterMode.NMS,
                new ClassThresholds(0.3f, 0f, 0.5f, 100), Map.of(), 0.2f, 1, 0f, 0, 1024, -1, 1);
        decoder = new BatchedNmsDecoder(m, K, PluginDecoder.Coordinates.NORMALIZED);
        Random r = new Random(1);
        ByteBuffer num = buf(1);
        num.putInt(0, K);
        ByteBuffer boxes = buf(K * 4);
        ByteBuffer scores = buf(K);
        ByteBuffer classes = buf(K);
        for (int i = 0; i < K; i++) {
            float x = r.nextFloat() * 0.8f;
            float y = r.nextFloat() * 0.8f;
            boxes.putFloat(i * 16, x).putFloat(i * 16 + 4, y).putFloat(i * 16 + 8, x + 0.1f).putFloat(i * 16 + 12, y + 0.1f);
            scores.putFloat(i * 4, r.nextFloat());
            classes.putFloat(i * 4, r.nextInt(3));
        }
        decoder.bind(num, boxes, scores, classes);
    }

    private static ByteBuffer buf(int n) {
        return ByteBuffer.allocateDirect(n * 4).order(ByteOrder.nativeOrder());
    }

    @Benchmark
    public int decodeBatchedNms() {
        decoder.decode(0, out);
        return out.count();
    }
}
