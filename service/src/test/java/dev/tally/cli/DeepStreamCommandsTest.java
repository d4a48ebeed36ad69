package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.testing.TallyCli;
import dev.tally.testing.TallyCli.Run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tally generate-configs} and {@code tally deepstream layout} through the real command line. */
class DeepStreamCommandsTest {

    static Run tally(String... args) {
        return TallyCli.run(args);
    }

    @Test
    void generateConfigsWritesCheckedFilesThatReferToEachOtherAbsolutely(@TempDir Path dir) throws IOException {
        Path onnx = Files.writeString(dir.resolve("people.onnx"), "x");
        Path conf = Files.writeString(dir.resolve("tally.conf"), """
                tally {
                  state-dir = "%s"
                  cameras = [ { id = dock-1, uri = "rtsp://10.0.0.21/s1",
                                lines = [ { name = door, from = [100, 600], to = [1100, 600] } ] } ]
                  model { onnx = "%s", precision = int8, calibration-cache = "%s" }
                }
                """.formatted(dir.resolve("state"), onnx, onnx));
        Path out = dir.resolve("out");
        Run r = tally("generate-configs", "-c", conf.toString(), "-o", out.toString(), "--version", "7.1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines()).containsExactly(out.resolve("nvinfer-primary.txt").toString(),
                out.resolve("labels-primary.txt").toString(), out.resolve("tracker.yml").toString(),
                out.resolve("nvdsanalytics.txt").toString(), out.resolve("deepstream-app.txt").toString());
        String nvinfer = Files.readString(out.resolve("nvinfer-primary.txt"));
        assertThat(nvinfer).contains("model-engine-file=" + dir.resolve("state/engines/people.onnx_b1_gpu0_int8.engine"))
                .contains("onnx-file=" + dir.resolve("state/engines/people.onnx")).contains("network-mode=1").contains("int8-calib-file=" + onnx)
                .contains("labelfile-path=" + out.resolve("labels-primary.txt"));
        assertThat(Files.readSymbolicLink(dir.resolve("state/engines/people.onnx"))).isEqualTo(onnx);
        assertThat(Files.readString(out.resolve("deepstream-app.txt")))
                .contains("config-file=" + out.resolve("nvinfer-primary.txt"));
        assertThat(Files.readString(out.resolve("nvdsanalytics.txt")))
                .contains("line-crossing-door=600;600;600;650;100;600;1100;600");
    }

    @Test
    void layoutPrintsTheOffsetsOfEachVersionFamily() {
        Run ds7 = tally("deepstream", "layout", "--version", "7.1");
        assertThat(ds7.code()).isZero();
        assertThat(ds7.out()).contains("# layout deepstream-6.x-8.x").containsPattern("NvDsObjectMeta.obj_label +336\n")
                .containsPattern("NvDsFrameMeta.source_id +72\n");
        Run ds9 = tally("deepstream", "layout", "--version", "9.0");
        assertThat(ds9.out()).containsPattern("NvDsObjectMeta.obj_label +344\n");
        Run old = tally("deepstream", "layout", "--version", "5.1");
        assertThat(old.code()).isEqualTo(3);
        assertThat(old.err()).startsWith("tally: DeepStream version '5.1' is not supported");
    }

    @Test
    void planPrintsOneLinePerPropertyAndLinkForTheRelease(@TempDir Path dir) throws IOException {
        Path onnx = Files.writeString(dir.resolve("rtdetr.onnx"), "x");
        Path conf = Files.writeString(dir.resolve("tally.conf"), """
                tally {
                  state-dir = "%s"
                  cameras = [ { id = dock-1, uri = "rtsp://10.0.0.21/s1", transport = tcp },
                              { id = aisle-3, uri = "rtsp://10.0.0.23/s1" } ]
                  model { type = rtdetr, onnx = "%s", labels = [person, forklift, pallet] }
                  pipeline { encoder = x264 }
                }
                """.formatted(dir.resolve("state"), onnx));
        Run ds71 = tally("deepstream", "plan", "-c", conf.toString(), "--version", "7.1");
        assertThat(ds71.code()).as(ds71.err()).isZero();
        assertThat(planLines(ds71)).startsWith("# DeepStream 7.1: 24 elements, 23 links; probe on tracker",
                "mux = nvstreammux", "mux.batch-size=2")
                .contains("src-0.select-rtp-protocol=4", "src-1.select-rtp-protocol=0", "src-1.rtsp-reconnect-attempts=-1",
                        "pgie.config-file-path=" + dir.resolve("state/deepstream/nvinfer-primary.txt"),
                        "out-1-enc = x264enc", "out-1-enc.bitrate=2000", "link src-1 -> mux:sink_1 (when its pad appears, caps"
                        + " video/x-raw(memory:NVMM))", "link mux -> pgie", "link demux:src_1 -> out-1-queue",
                        "link out-1-pay -> out-1-udp")
                .noneMatch(l -> l.contains("init-rtsp-reconnect-interval"));
        Run ds91 = tally("deepstream", "plan", "-c", conf.toString(), "--version", "9.1");
        assertThat(planLines(ds91)).contains("src-0.init-rtsp-reconnect-interval=1", "src-0.rtsp-reconnect-interval=30", "src-1.select-rtp-protocol=7");
        Run installed = tally("deepstream", "plan", "-c", conf.toString());
        assertThat(installed.code()).isEqualTo(3);
        assertThat(installed.err()).startsWith("tally: DeepStream is not installed here "
                + "(/opt/nvidia/deepstream/deepstream/version does not exist); set pipeline.deepstream-version");
        Path withKey = Files.writeString(dir.resolve("keyed.conf"), Files.readString(conf)
                .replace("pipeline { encoder = x264 }", "pipeline { encoder = x264, deepstream-version = \"9.1\" }"));
        assertThat(planLines(tally("deepstream", "plan", "-c", withKey.toString()))).first().asString()
                .startsWith("# DeepStream 9.1: ");
        Path bad = Files.writeString(dir.resolve("bad.conf"), Files.readString(conf)
                .replace("pipeline { encoder = x264 }", "pipeline { encoder = x264, deepstream-version = seven }"));
        Run badRun = tally("deepstream", "plan", "-c", bad.toString());
        assertThat(badRun.code()).isEqualTo(2);
        assertThat(badRun.err()).contains("tally.pipeline.deepstream-version: \"seven\" is not a DeepStream version");
        Run old = tally("deepstream", "plan", "-c", conf.toString(), "--version", "6.0");
        assertThat(old.code()).isEqualTo(3);
        assertThat(old.err()).startsWith("tally: DeepStream version '6.0' is not supported (Tally generates for"
                + " DeepStream 6.2 to 9.x)");
    }

    /** The plan's lines (the test logging configuration also writes log lines to stdout; the CLI's goes to stderr). */
    private static java.util.List<String> planLines(Run r) {
        return r.out().lines().filter(l -> !l.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d+ \\[.*")).toList();
    }
}
