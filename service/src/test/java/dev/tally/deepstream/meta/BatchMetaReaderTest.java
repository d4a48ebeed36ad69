package dev.tally.deepstream.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.tally.TallyException;
import dev.tally.frame.Detections;
import dev.tally.frame.FrameResult;
import dev.tally.frame.PipelineMonitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Compiles src/test/c/tally_dsmeta.c (a transcription of DeepStream's metadata structs) with gcc for each
 * layout, has it build a batch in memory, and checks that {@link BatchMetaReader} reads back exactly the
 * planted frames and objects and that every offset the reader uses equals the C compiler's offsetof().
 */
class BatchMetaReaderTest {

    public interface DsMetaLib extends Library {
        Pointer tally_build_batch(int frames);

        void tally_free_batch(Pointer batch);

        long tally_offsetof(String name);
    }

    static DsMetaLib compile(boolean ds9) throws IOException, InterruptedException {
        Path out = Path.of("target", "c");
        Files.createDirectories(out);
        Path lib = out.resolve(ds9 ? "libtallydsmeta9.so" : "libtallydsmeta68.so").toAbsolutePath();
        Process p = new ProcessBuilder("gcc", "-Wall", "-Werror", "-shared", "-fPIC", "-O1",
                "-DTALLY_DS9=" + (ds9 ? 1 : 0), "-o", lib.toString(), "src/test/c/tally_dsmeta.c")
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("gcc: " + log).isZero();
        return Native.load(lib.toString(), DsMetaLib.class);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void everyOffsetTheReaderUsesMatchesTheCompiler(boolean ds9) throws Exception {
        DsMetaLib c = compile(ds9);
        DsLayout layout = ds9 ? DsLayout.DS9 : DsLayout.DS6_TO_8;
        for (Map.Entry<String, Integer> e : layout.offsets().entrySet()) {
            if (e.getKey().startsWith("NvDsAnalyticsFrameMeta.")) {
                continue; // a C++ struct: checked by AnalyticsMetaTest with g++
            }
            assertThat(c.tally_offsetof(e.getKey())).as(layout.name() + " " + e.getKey()).isEqualTo(e.getValue().longValue());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readsThePlantedFramesAndObjects(boolean ds9) throws Exception {
        DsMetaLib c = compile(ds9);
        FrameResult[] results = new FrameResult[4];
        for (int i = 0; i < 4; i++) {
            results[i] = new FrameResult(8);
            results[i].cameraIndex = i;
            results[i].cameraId = "cam-" + i;
        }
        List<String> seen = new ArrayList<>();
        List<String> latencies = new ArrayList<>();
        PipelineMonitor monitor = new PipelineMonitor() {
            @Override public void cameraAdded(int i, String id) { }
            @Override public void cameraRemoved(int i) { }
            @Override public void frameReceived(int i) { }
            @Override public void frameDropped(int i) { }
            @Override public void frameProcessed(int i, boolean inferred, long nanos) {
                latencies.add(i + ":" + nanos);
            }
            @Override public void sourceState(int i, boolean up) { }
            @Override public void reconnectAttempt(int i) { }
            @Override public void queueDepth(int i, int depth) { }
        };
        BatchMetaReader reader = new BatchMetaReader(ds9 ? DsLayout.DS9 : DsLayout.DS6_TO_8, results, fr -> {
            Detections d = fr.detections;
            StringBuilder sb = new StringBuilder(fr.cameraId + " #" + fr.frameNumber + " pts=" + fr.ptsNanos + " ntp="
                    + fr.captureEpochNanos + " " + fr.width + "x" + fr.height + " inferred=" + fr.inferred);
            for (int i = 0; i < d.count(); i++) {
                sb.append(" [c").append(d.classId[i]).append(' ').append(d.confidence[i]).append(' ').append(d.x1[i])
                        .append(',').append(d.y1[i]).append(',').append(d.x2[i]).append(',').append(d.y2[i])
                        .append(" t").append(d.trackId[i]).append(']');
            }
            seen.add(sb.toString());
        }, monitor);
        Pointer batch = c.tally_build_batch(3);
        try {
            assertThat(reader.read(Pointer.nativeValue(batch))).isEqualTo(3);
        } finally {
            c.tally_free_batch(batch);
        }
        // Values follow the formulas in tally_dsmeta.c; object 1 is untracked (object_id all ones).
        assertThat(seen).containsExactly(
                "cam-1 #100 pts=1000000007 ntp=1700000000000000000 1280x720 inferred=true"
                        + " [c0 0.5 10.0,20.0,40.0,60.0 t0]",
                "cam-3 #101 pts=2000000007 ntp=1700000000000000001 1280x720 inferred=false"
                        + " [c0 0.5 11.0,20.0,41.0,61.0 t1000] [c1 0.625 111.0,21.0,142.0,62.0 t-1]",
                "cam-1 #102 pts=3000000007 ntp=1700000000000000002 1280x720 inferred=true"
                        + " [c0 0.5 12.0,20.0,42.0,62.0 t2000] [c1 0.625 112.0,21.0,143.0,63.0 t-1]"
                        + " [c2 0.75 212.0,22.0,244.0,64.0 t2002]");
        assertThat(Detections.UNTRACKED).isEqualTo(-1L);
        // nvinfer reports no inference time: the monitor is told it is unknown, never 0 ns
        assertThat(latencies).containsExactly("1:-1", "3:-1", "1:-1");
    }

    @Test
    void theTwoLayoutsDifferOnlyAfterTheRectangle() {
        assertThat(DsLayout.DS9.of("NvDsObjectMeta.rect_params.height"))
                .isEqualTo(DsLayout.DS6_TO_8.of("NvDsObjectMeta.rect_params.height"));
        assertThat(DsLayout.DS9.of("NvDsObjectMeta.obj_label") - DsLayout.DS6_TO_8.of("NvDsObjectMeta.obj_label"))
                .isEqualTo(8);
    }

    @Test
    void versionsPickTheirLayoutAndUnknownOnesAreRefused(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        assertThat(DsLayout.forVersion("6.3")).isSameAs(DsLayout.DS6_TO_8);
        assertThat(DsLayout.forVersion("7.1")).isSameAs(DsLayout.DS6_TO_8);
        assertThat(DsLayout.forVersion("8.0")).isSameAs(DsLayout.DS6_TO_8);
        assertThat(DsLayout.forVersion("9.0")).isSameAs(DsLayout.DS9);
        Path f = dir.resolve("version");
        Files.writeString(f, "Version: 7.1\n");
        assertThat(DsLayout.installed(f)).isSameAs(DsLayout.DS6_TO_8);
        assertThatThrownBy(() -> DsLayout.forVersion("5.1")).isInstanceOf(TallyException.class)
                .hasMessage("DeepStream version '5.1' is not supported (Tally knows the metadata layouts of 6.x-8.x"
                        + " and 9.x); use backend = portable or a supported DeepStream");
    }
}
