package dev.tally.deepstream.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.deepstream.DsVersion;
import org.junit.jupiter.api.Test;

/** The key-by-key check finds undocumented sections and keys, bad enum values and missing required keys. */
class ConfigCheckTest {

    @Test
    void reportsEveryProblemOfAnNvinferFile() {
        String text = """
                [property]
                gpu-id=0
                net-scale-factor=0.0039
                model-engine-file=/var/lib/tally/engines/m.onnx_b4_gpu0_fp16.engine
                labelfile-path=labels.txt
                batch-size=4
                network-mode=3
                num-detected-classes=3
                gie-unique-id=1
                process-mode=1
                cluster-mod=2

                [class-attrs-all]
                pre-cluster-threshold=0.4
                topk=-1

                [class-attrs-x]
                eps=0.2
                """;
        assertThat(ConfigCheck.check(DocumentedKeys.Kind.NVINFER, text, DsVersion.parse("7.1"))).containsExactly(
                "[property] labelfile-path=labels.txt: expected an absolute path",
                "[property] network-mode=3: expected one of [0, 1, 2]",
                "[property] cluster-mod=2: undocumented key",
                "[property] network-type: required key missing",
                "[class-attrs-all] topk=-1: expected a non-negative integer",
                "[class-attrs-x]: undocumented section");
    }

    @Test
    void checksEngineNamesAnalyticsLinesAndTrackerEnums() {
        assertThat(ConfigCheck.check(DocumentedKeys.Kind.NVINFER, "[property]\nmodel-engine-file=/e/model.engine\n",
                DsVersion.parse("7.1")))
                .contains("[property] model-engine-file=/e/model.engine: expected an absolute "
                        + "<model>_b<batch>_<gpu<id>|dla<core>>_<fp32|fp16|int8>.engine path");
        assertThat(ConfigCheck.check(DocumentedKeys.Kind.ANALYTICS, """
                [line-crossing-stream-0]
                enable=1
                line-crossing-door=1;2;3;4;5;6;7
                class-id=-1
                mode=fast
                """, DsVersion.parse("7.1"))).containsExactly(
                "[line-crossing-stream-0] line-crossing-door=1;2;3;4;5;6;7: expected 8 non-negative integers "
                        + "x1;y1;x2;y2;x3;y3;x4;y4",
                "[line-crossing-stream-0] mode=fast: expected one of [loose, balanced, strict]");
        assertThat(ConfigCheck.check(DocumentedKeys.Kind.TRACKER, "%YAML:1.0\nStateEstimator:\n  stateEstimatorType: 7\n",
                DsVersion.parse("7.1")))
                .containsExactly("[StateEstimator] stateEstimatorType=7: expected one of [0, 1, 2, 3]");
    }
}
