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
}
