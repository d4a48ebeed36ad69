package dev.tally.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.TallyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    static final String VALID = """
            tally {
              site = test
              state-dir = state
              cameras = [
                { id = dock-1, uri = "sim://warehouse?seed=1"
                  lines = [ { name = door, from = [10, 10], to = [10, 500], classes = [person] } ]
                  zones = [ { name = bay, polygon = [[0,0],[100,0],[100,100]] } ] }
                { id = dock-2, uri = "rtsp://cam.local:554/stream1", latency-ms = 100, transport = tcp }
              ]
              model { onnx = model.onnx, labels-file = labels.txt,
                      class-thresholds { person { pre-cluster-threshold = 0.3 } } }
              analytics.rules = [ { name = r1, class = person, zone = bay } ]
            }
            """;

    @BeforeEach
    void files() throws IOException {
        Files.write(dir.resolve("model.onnx"), new byte[] {1, 2, 3});
        Files.writeString(dir.resolve("labels.txt"), "forklift\nperson\npallet\n");
    }

    @Test
    void bindsAValidConfig() {
        TallyConfig c = ConfigLoader.parseString(VALID, dir.resolve("t.conf"));
        assertThat(c.site()).isEqualTo("test");
        assertThat(c.stateDir()).isEqualTo(dir.resolve("state"));
        assertThat(c.cameras()).extracting(CameraConfig::id).containsExactly("dock-1", "dock-2");
        CameraConfig d1 = c.camera("dock-1");
        assertThat(d1.name()).isEqualTo("dock-1");
        assertThat(d1.kind()).isEqualTo(CameraConfig.SourceKind.SIM);
        assertThat(d1.lines().get(0)).isEqualTo(new LineConfig("door", 10, 10, 10, 500, java.util.List.of("person")));
        assertThat(d1.zones().get(0).size()).isEqualTo(3);
        assertThat(d1.latencyMs()).isEqualTo(200);
        CameraConfig d2 = c.camera("dock-2");
        assertThat(d2.latencyMs()).isEqualTo(100);
        assertThat(d2.transport()).isEqualTo(CameraConfig.Transport.TCP);
        assertThat(d2.reconnectMax()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.model().onnx()).isEqualTo(dir.resolve("model.onnx"));
        assertThat(c.model().engine()).isNull();
        assertThat(c.model().labels()).containsExactly("forklift", "person", "pallet");
        assertThat(c.model().thresholds(1).preCluster()).isEqualTo(0.3f);
        assertThat(c.model().thresholds(0).preCluster()).isEqualTo(0.4f);
        assertThat(c.model().thresholds(1).topK()).isEqualTo(100);
        assertThat(c.analytics().rules()).containsExactly(new AnalyticsConfig.RuleConfig("r1", "person", "bay", 10, 30));
        assertThat(c.pipeline().output()).isEqualTo(PipelineConfig.OutputMode.PER_CAMERA);
        assertThat(c.tracker().type()).isEqualTo(TrackerConfig.TrackerType.SORT);
        assertThat(c.redis().publishInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.redis().spoolMaxBytes()).isEqualTo(256L * 1024 * 1024);
        assertThat(c.logLevel()).isEqualTo("info");
        assertThat(c.source()).isEqualTo(dir.resolve("t.conf"));
    }

    @Test
    void loadsFromAFile() throws IOException {
        Path f = dir.resolve("tally.conf");
        Files.writeString(f, VALID);
        assertThat(ConfigLoader.load(f).cameras()).hasSize(2);
    }

    @Test
    void reportsEveryProblemAtOnceWithFileAndLine() {
        String bad = VALID.replace("site = test", "site = test\n  pipeline { widht = 5, fps = 500 }");
        assertThatThrownBy(() -> ConfigLoader.parseString(bad, dir.resolve("t.conf")))
                .isInstanceOfSatisfying(TallyException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(TallyException.BAD_CONFIG);
                    assertThat(e.getMessage().lines()).containsExactly(
                            "t.conf:3: tally.pipeline.widht: unknown key (did you mean \"width\"?)",
                            "t.conf:3: tally.pipeline.fps: 500 is out of range 1..120");
                });
    }

    @Test
    void cameraEntriesAreLaidOverCameraDefaults() {
        String hocon = VALID.replace("site = test", "site = test\n  camera-defaults { latency-ms = 50, transport = udp }");
        TallyConfig c = ConfigLoader.parseString(hocon, dir.resolve("t.conf"));
        assertThat(c.camera("dock-1").latencyMs()).isEqualTo(50);
        assertThat(c.camera("dock-1").transport()).isEqualTo(CameraConfig.Transport.UDP);
        assertThat(c.camera("dock-2").latencyMs()).isEqualTo(100);
        assertThat(c.camera("dock-2").transport()).isEqualTo(CameraConfig.Transport.TCP);
    }

    @Test
    void includedFilesAreNamedInTheirOwnProblems() throws IOException {
        Files.writeString(dir.resolve("cameras.conf"), "tally.cameras = [\n  { id = x, uri = \"sim://warehouse\", lop = true }\n]\n");
        Path main = dir.resolve("main.conf");
        Files.writeString(main, "include \"cameras.conf\"\ntally.model.onnx = model.onnx\n");
        assertThatThrownBy(() -> ConfigLoader.load(main)).hasMessage(
                "cameras.conf:2: tally.cameras[0].lop: unknown key (did you mean \"loop\"?)");
    }
}
