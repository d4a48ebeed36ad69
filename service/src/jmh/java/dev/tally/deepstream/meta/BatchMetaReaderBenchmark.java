package dev.tally.deepstream.meta;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.tally.frame.FrameResult;
import dev.tally.frame.PipelineMonitor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Reading one NvDsBatchMeta of 4 frames with N objects each, laid out in native memory at the reader's own
 * offsets (the layout itself is verified by BatchMetaReaderTest). Expect ~0 B/op with {@code -prof gc}.
 *
 * <pre>
 * mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test -pl service
 * java -cp service/target/test-classes:service/target/classes:$(cat service/target/cp.txt) \
 *     org.openjdk.jmh.Main BatchMetaReaderBenchmark -f 1 -wi 2 -i 3 -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BatchMetaReaderBenchmark {
    @Param({"20", "100"})
    int objects;

    private final List<Memory> keep = new ArrayList<>();
    private BatchMetaReader reader;
    private long batch;
    private long checksum;

    @Setup
    public void setup() {
        DsLayout l = DsLayout.DS6_TO_8;
        FrameResult[] results = new FrameResult[4];
        for (int i = 0; i < 4; i++) {
            results[i] = new FrameResult(256);
            results[i].cameraIndex = i;
        }
        reader = new BatchMetaReader(l, results, fr -> checksum += fr.detections.count(), PipelineMonitor.NONE);
        Memory b = alloc(l.of("sizeof(NvDsBatchMeta)"));
        long frames = 0;
        for (int f = 3; f >= 0; f--) {
            Memory fm = alloc(256);
            fm.setInt(l.of("NvDsFrameMeta.source_id"), f);
            fm.setInt(l.of("NvDsFrameMeta.pipeline_width"), 1280);
            long objs = 0;
            for (int o = 0; o < objects; o++) {
                Memory om = alloc(l.of("sizeof(NvDsObjectMeta)"));
                om.setInt(l.of("NvDsObjectMeta.class_id"), o % 3);
                om.setFloat(l.of("NvDsObjectMeta.rect_params.left"), o);
                om.setFloat(l.of("NvDsObjectMeta.rect_params.width"), 10);
                objs = node(l, om, objs);
            }
            fm.setLong(l.of("NvDsFrameMeta.obj_meta_list"), objs);
            frames = node(l, fm, frames);
        }
        b.setLong(l.of("NvDsBatchMeta.frame_meta_list"), frames);
        batch = Pointer.nativeValue(b);
    }

    private Memory alloc(int size) {
        Memory m = new Memory(size);
        m.clear();
        keep.add(m);
        return m;
    }

    private long node(DsLayout l, Memory data, long next) {
        Memory n = alloc(24);
        n.setLong(l.of("GList.data"), Pointer.nativeValue(data));
        n.setLong(l.of("GList.next"), next);
        return Pointer.nativeValue(n);
    }

    @Benchmark
    public long readBatch() {
        reader.read(batch);
        return checksum;
    }
}
