package dev.tally.deepstream.meta;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.tally.config.CameraConfig;
import dev.tally.config.LineConfig;
import dev.tally.config.ZoneConfig;
import dev.tally.frame.FrameResult;
import dev.tally.frame.FrameSink;
import dev.tally.frame.PipelineMonitor;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * nvdsanalytics frame user meta: a C++ transcription of NvDsAnalyticsFrameMeta filled with real libstdc++
 * unordered_maps (g++), attached to a frame of the planted batch next to a decoy user meta of another type;
 * the reader must find it by meta type and read the counts of the configured lines and zones by name.
 */
class AnalyticsMetaTest {
    static final int ANALYTICS_TYPE = 42;

    public interface Lib extends BatchMetaReaderTest.DsMetaLib {
        Pointer tally_build_analytics();

        void tally_free_analytics(Pointer meta);

        long tally_analytics_offsetof(String name);

        void tally_attach_user_meta(Pointer batch, int frame, int type, Pointer data);
    }

    static Lib compile() throws Exception {
        Path lib = Path.of("target", "c", "libtallydsanalytics.so").toAbsolutePath();
        Files.createDirectories(lib.getParent());
        Process p = new ProcessBuilder("g++", "-Wall", "-Werror", "-shared", "-fPIC", "-O1",
                "-DTALLY_DS9=0", "-o", lib.toString(), "-x", "c", "src/test/c/tally_dsmeta.c", "-x", "c++",
                "src/test/c/tally_dsanalytics.cpp").redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(log).isZero();
        return Native.load(lib.toString(), Lib.class);
    }

    @Test
    void readsLineAndZoneCountsByNameFromTheStdMaps() throws Exception {
        Lib c = compile();
        for (String f : new String[] {"NvDsAnalyticsFrameMeta.objInROIcnt", "NvDsAnalyticsFrameMeta.objLCCurrCnt",
                "NvDsAnalyticsFrameMeta.objLCCumCnt"}) {
            assertThat(c.tally_analytics_offsetof(f)).as(f).isEqualTo((long) DsLayout.DS6_TO_8.of(f));
        }
        assertThat(c.tally_analytics_offsetof("sizeof(std::unordered_map)")).isEqualTo(StdMapReader.MAP_SIZE);

        CameraConfig cam = new CameraConfig("dock-1", "dock-1", URI.create("rtsp://h/s"), 200,
                CameraConfig.Transport.AUTO, true, Duration.ofSeconds(1), Duration.ofSeconds(30),
                List.of(new LineConfig("dock-door", 0, 0, 1, 1, List.of()), new LineConfig("aisle", 0, 0, 1, 1, List.of())),
                List.of(new ZoneConfig("loading-bay", new float[] {0, 1, 1}, new float[] {0, 0, 1}, List.of()),
                        new ZoneConfig("a-zone-whose-name-is-longer-than-the-inline-buffer",
                                new float[] {0, 1, 1}, new float[] {0, 0, 1}, List.of())));
        FrameResult[] results = new FrameResult[4];
        AnalyticsCounts[] counts = new AnalyticsCounts[4];
        for (int i = 0; i < 4; i++) {
            results[i] = new FrameResult(8);
            results[i].cameraIndex = i;
            counts[i] = new AnalyticsCounts(cam);
        }
        BatchMetaReader reader = new BatchMetaReader(DsLayout.DS6_TO_8, results, FrameSink.NONE,
                PipelineMonitor.NONE, ANALYTICS_TYPE, counts);
        Pointer batch = c.tally_build_batch(2);
        Pointer meta = c.tally_build_analytics();
        try {
            c.tally_attach_user_meta(batch, 1, ANALYTICS_TYPE - 1, null); // another user meta: must be skipped
            c.tally_attach_user_meta(batch, 1, ANALYTICS_TYPE, meta);
            assertThat(reader.read(Pointer.nativeValue(batch))).isEqualTo(2);
        } finally {
            c.tally_free_batch(batch);
            c.tally_free_analytics(meta);
        }
        AnalyticsCounts cam3 = counts[3]; // frame 1 of the planted batch is source 3, frame 101
        assertThat(cam3.frameNumber).isEqualTo(101);
        assertThat(cam3.zoneObjects).containsExactly(4, 7);
        assertThat(cam3.lineCurrent).containsExactly(1, 0);
        assertThat(cam3.lineCumulative).containsExactly(123456789012L, 0);
        assertThat(counts[1].frameNumber).isEqualTo(-1);
    }
}
