package dev.tally.deepstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.TallyException;
import dev.tally.config.PipelineConfig;
import dev.tally.config.TallyConfig;
import dev.tally.deepstream.config.WarehouseConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release Tally generates for: version file or pipeline.deepstream-version, and what differs between releases. */
class DsVersionTest {

    static TallyConfig withVersion(String v) {
        TallyConfig c = WarehouseConfigs.warehouse();
        PipelineConfig p = c.pipeline();
        return WarehouseConfigs.withPipeline(c, new PipelineConfig(p.backend(), p.width(), p.height(), p.fps(),
                p.batchTimeoutUs(), p.output(), p.encoder(), p.bitrateKbps(), p.keyframeInterval(), p.queueFrames(),
                p.overlay(), v));
    }

    @Test
    void theVersionFileAsDeepStreamWritesIt(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("version"), "Version: 7.1\n");
        assertThat(DsVersion.installed(f)).isEqualTo(new DsVersion(7, 1));
        assertThat(DsVersion.parse("9.0.0")).isEqualTo(new DsVersion(9, 0));
        assertThatThrownBy(() -> DsVersion.installed(dir.resolve("none"))).isInstanceOfSatisfying(TallyException.class,
                e -> assertThat(e.exitCode()).isEqualTo(3)).hasMessageContaining("set pipeline.deepstream-version");
        assertThatThrownBy(() -> DsVersion.parse("6.1")).hasMessageStartingWith("DeepStream version '6.1' is not"
                + " supported (Tally generates for DeepStream 6.2 to 9.x)");
        assertThatThrownBy(() -> DsVersion.parse("10.0")).isInstanceOf(TallyException.class);
    }

    /** Sources: ds71/ds80/ds91 gstdsnvurisrcbin.cpp and nvdsinfer_custombboxparser.cpp (see deepstream-facts.json). */
    @Test
    void featuresByRelease() {
        DsVersion v62 = DsVersion.parse("6.2");
        DsVersion v71 = DsVersion.parse("7.1");
        DsVersion v80 = DsVersion.parse("8.0");
        DsVersion v91 = DsVersion.parse("9.1");
        assertThat(v71.hasInitRtspReconnect()).isFalse();
        assertThat(v80.hasInitRtspReconnect()).isTrue();
        assertThat(v71.rtpProtocolAll()).isZero();
        assertThat(v80.rtpProtocolAll()).isEqualTo(7);
        assertThat(v62.stockParserHas("NvDsInferParseCustomEfficientDetTAO")).isTrue();
        assertThat(v62.stockParserHas("NvDsInferParseCustomDDETRTAO")).isFalse();
        assertThat(v71.stockParserHas("NvDsInferParseCustomDDETRTAO")).isTrue();
        assertThat(v80.stockParserHas("NvDsInferParseCustomRTDETRTAO")).isFalse();
        assertThat(v91.stockParserHas("NvDsInferParseCustomRTDETRTAO")).isTrue();
        assertThat(v91.rotatedRects()).isTrue();
        assertThat(v80.rotatedRects()).isFalse();
    }

    @Test
    void aConfiguredVersionMustBeTheInstalledOneAtRun(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("version"), "Version: 7.1\n");
        assertThat(DeepStreamBackend.runningVersion(withVersion(""), f)).isEqualTo(new DsVersion(7, 1));
        assertThat(DeepStreamBackend.runningVersion(withVersion("7.1"), f)).isEqualTo(new DsVersion(7, 1));
        assertThatThrownBy(() -> DeepStreamBackend.runningVersion(withVersion("9.0"), f))
                .isInstanceOfSatisfying(TallyException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessage("pipeline.deepstream-version = 9.0 but DeepStream 7.1 is installed (" + f
                        + "); remove the key or set it to 7.1");
        assertThat(DsVersion.of(withVersion("9.1"))).isEqualTo(new DsVersion(9, 1));
    }
}
