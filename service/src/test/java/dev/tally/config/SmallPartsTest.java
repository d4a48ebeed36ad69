package dev.tally.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.testing.TestSupport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** UnknownKeys' suggestions, Masking, and the shipped example config. */
class SmallPartsTest {

    @Test
    void suggestsTheClosestKeyOnlyWhenItIsClose() {
        List<String> keys = List.of("width", "height", "fps", "batch-timeout-us", "latency-ms");
        assertThat(UnknownKeys.suggestion("widht", keys)).isEqualTo(" (did you mean \"width\"?)");
        assertThat(UnknownKeys.suggestion("hieght", keys)).isEqualTo(" (did you mean \"height\"?)");
        assertThat(UnknownKeys.suggestion("latency", keys)).isEqualTo(" (did you mean \"latency-ms\"?)");
        assertThat(UnknownKeys.suggestion("colour", keys)).isEmpty();
        assertThat(UnknownKeys.distance("ab", "ba")).isEqualTo(1);
        assertThat(UnknownKeys.distance("kitten", "sitting")).isEqualTo(3);
    }

    @Test
    void masksPasswordsInUris() {
        assertThat(Masking.uri("rtsp://viewer:pw@10.0.0.1:554/s")).isEqualTo("rtsp://viewer:****@10.0.0.1:554/s");
        assertThat(Masking.uri("redis://:pw@h:6379")).isEqualTo("redis://:****@h:6379");
        assertThat(Masking.uri("redis://tokenonly@h")).isEqualTo("redis://****@h");
        assertThat(Masking.uri("rtsp://h/p@x")).isEqualTo("rtsp://h/p@x");
        assertThat(Masking.uri("sim://warehouse?seed=1")).isEqualTo("sim://warehouse?seed=1");
        assertThat(Masking.secret("")).isEmpty();
        assertThat(Masking.secret("x")).isEqualTo("****");
    }

    @Test
    void theDemoConfigIsValid() {
        Path root = TestSupport.repoRoot();
        TallyConfig c = ConfigLoader.load(root.resolve("examples/demo.conf"));
        assertThat(c.cameras()).extracting(CameraConfig::id).containsExactly("dock-1", "aisle-3");
        assertThat(c.cameras()).allMatch(cam -> cam.kind() == CameraConfig.SourceKind.SIM);
        assertThat(c.model().labels()).containsExactly("forklift", "person", "pallet");
        assertThat(c.model().onnx()).isEqualTo(root.resolve("models/demo/tally-demo.onnx"));
        assertThat(c.analytics().rules()).hasSize(1);
    }
}
