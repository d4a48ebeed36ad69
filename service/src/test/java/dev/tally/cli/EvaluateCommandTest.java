package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.TallyException;
import dev.tally.testing.TallyCli;
import dev.tally.testing.TallyCli.Run;

import dev.tally.inference.GridModels;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tally evaluate} end to end on a real ONNX model (the 48x32 grid model of {@link GridModels}) and a
 * KITTI dataset of 96x64 images, so frames are scaled by 1/2 on the way in and boxes by 2 on the way out.
 * A red 32x32 block at (64, 32) lights grid cell (2, 1): the model's box is (16.5, 16.5)-(32.5, 32) in input
 * pixels, (33, 33)-(65, 64) in the image. A green block at (0, 0) lights cell (0, 0) with box
 * (0, 0.5)-(0.5, 16.5), i.e. (0, 1)-(1, 33): a thin box that overlaps no labelled person.
 */
class EvaluateCommandTest {
    @TempDir
    Path dir;

    private Path setUp() throws IOException {
        GridModels.write(dir.resolve("grid.onnx"), null);
        Files.writeString(dir.resolve("t.conf"), """
                tally {
                  state-dir = state
                  cameras = [ { id = cam, uri = "sim://warehouse?seed=1" } ]
                  model { onnx = grid.onnx, input-height = 32, input-width = 48, bbox-norm = 16, precision = fp32 }
                }
                """);
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve("images"));
        Files.createDirectories(data.resolve("labels"));
        image(data, "a", Color.RED, 64, 32);
        label(data, "a", "forklift 0 0 0 34 33 66 64 0 0 0 0 0 0 0\nDontCare 0 0 0 0 0 5 5 0 0 0 0 0 0 0\n");
        image(data, "b", Color.GREEN, 0, 0);
        label(data, "b", "person 0 0 0 40 0 60 40 0 0 0 0 0 0 0\n");
        return data;
    }

    private static void image(Path data, String stem, Color c, int x, int y) throws IOException {
        BufferedImage img = new BufferedImage(96, 64, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setColor(c);
        g.fillRect(x, y, 32, 32);
        g.dispose();
        ImageIO.write(img, "png", data.resolve("images").resolve(stem + ".png").toFile());
    }

    private static void label(Path data, String stem, String text) throws IOException {
        Files.writeString(data.resolve("labels").resolve(stem + ".txt"), text);
    }

    private static Run run(String... args) {
        return TallyCli.run(args);
    }

    @Test
    void printsApTableWritesReportAndGatesOnMinMap() throws IOException {
        Path data = setUp();
        Path report = dir.resolve("report.json");
        // forklift: 1 GT found (IoU 31*31 / (32*31 + 32*31 - 31*31) = 0.94) -> AP 1. person: 1 GT, one
        // false positive -> AP 0. pallet: no GT -> excluded. mAP = 0.5
        Run pass = run("evaluate", "-c", dir.resolve("t.conf").toString(), "--dataset", data.toString(),
                "--report", report.toString(), "--min-map", "0.5");
        assertThat(pass.code()).as(pass.err()).isEqualTo(0);
        assertThat(pass.out()).contains("(2 images)")
                .containsPattern("forklift +1 +1 +1 +0 +1\\.0000")
                .containsPattern("person +1 +1 +0 +1 +0\\.0000")
                .containsPattern("pallet +0 +0 +0 +0 +n/a")
                .containsPattern("mAP@0\\.5 +0\\.5000")
                .contains("excluded from mAP (no ground truth): pallet")
                .contains("ignored 1 ground-truth boxes labelled DontCare (not a model class)");
        String json = Files.readString(report);
        assertThat(json).contains("\"images\": 2,", "\"map\": 0.5,", "\"excludedFromMap\": [\"pallet\"]",
                "{\"label\": \"forklift\", \"groundTruth\": 1, \"detections\": 1, \"truePositives\": 1,"
                        + " \"falsePositives\": 0, \"ap\": 1.0, \"inMap\": true}",
                "{\"label\": \"pallet\", \"groundTruth\": 0, \"detections\": 0, \"truePositives\": 0,"
                        + " \"falsePositives\": 0, \"ap\": null, \"inMap\": false}",
                "\"ignoredLabels\": {\"DontCare\": 1}", "\"minMap\": 0.5,", "\"passed\": true");

        Run fail = run("evaluate", "-c", dir.resolve("t.conf").toString(), "--dataset", data.toString(),
                "--min-map", "0.51");
        assertThat(fail.code()).isEqualTo(TallyException.FAILURE);
        assertThat(fail.err()).isEqualTo("tally: mAP@0.5 0.5000 is below --min-map 0.51" + System.lineSeparator());
    }

    @Test
    void badDatasetAndWrongModelTypeAreOneLineConfigErrors() throws IOException {
        Path data = setUp();
        Path conf = dir.resolve("t.conf");
        Files.move(data.resolve("labels").resolve("b.txt"), dir.resolve("b.txt"));
        Run missing = run("evaluate", "-c", conf.toString(), "--dataset", data.toString());
        assertThat(missing.code()).isEqualTo(TallyException.BAD_CONFIG);
        assertThat(missing.err()).contains(data.resolve("images").resolve("b.png").toString()).contains("b.txt");
        assertThat(missing.err().lines().count()).isEqualTo(1);

        Files.move(dir.resolve("b.txt"), data.resolve("labels").resolve("b.txt"));
        Files.writeString(conf, Files.readString(conf).replace("precision = fp32", "precision = fp32, type = dino"));
        Run wrongType = run("evaluate", "-c", conf.toString(), "--dataset", data.toString());
        assertThat(wrongType.code()).isEqualTo(TallyException.BAD_CONFIG);
        assertThat(wrongType.err()).startsWith("model " + dir.resolve("grid.onnx")
                + " does not look like dino: expected outputs pred_logits and pred_boxes, model has inputs [input_1");
        assertThat(wrongType.err().lines().count()).isEqualTo(1);
    }

    @Test
    void tensorRtRuntimeWithoutTensorRtIsOneLineAndExitThree() throws IOException {
        Path data = setUp();
        String conf = dir.resolve("t.conf").toString();
        Run trt = run("evaluate", "-c", conf, "--dataset", data.toString(), "--runtime", "tensorrt");
        assertThat(trt.code()).isEqualTo(TallyException.MISSING_DEPENDENCY);
        assertThat(trt.err()).startsWith("tally: model.runtime = tensorrt: TensorRT Java bindings did not load");
        assertThat(trt.err().lines().count()).isEqualTo(1);

        Run precisions = run("evaluate", "-c", conf, "--dataset", data.toString(), "--precision", "fp16,int8");
        assertThat(precisions.code()).isEqualTo(TallyException.BAD_CONFIG);
        assertThat(precisions.err()).isEqualTo("--precision and --compare-onnx need the TensorRT runtime"
                + " (--runtime tensorrt or model.runtime = tensorrt)" + System.lineSeparator());

        Run unknown = run("evaluate", "-c", conf, "--dataset", data.toString(), "--runtime", "cuda");
        assertThat(unknown.code()).isEqualTo(TallyException.BAD_CONFIG);
        assertThat(unknown.err()).isEqualTo("--runtime: unknown value 'cuda' (one of onnxruntime, tensorrt)"
                + System.lineSeparator());
    }
}
