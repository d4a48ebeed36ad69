package dev.tally.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetValidatorTest {
    private static final List<String> LABELS = List.of("forklift", "person", "pallet");

    @TempDir
    Path dir;

    @Test
    void cleanDatasetHasAHistogramAndNoProblems() {
        DatasetTestSupport.image(dir, "a", 100, 50, List.of(new LabeledBox("person", 0, 0, 100, 50),
                new LabeledBox("person", 10, 10, 20, 20), new LabeledBox("pallet", 1, 1, 2, 2)));
        DatasetValidator.Report r = DatasetValidator.validate(dir, LABELS);
        assertThat(r.ok()).isTrue();
        assertThat(r.images()).isEqualTo(1);
        assertThat(r.boxes()).isEqualTo(3);
        assertThat(r.histogram().keySet()).containsExactly("forklift", "person", "pallet");
        assertThat(r.histogram().values()).containsExactly(0, 2, 1);
    }

    @Test
    void reportsEveryKindOfProblem() throws Exception {
        Path labels = dir.resolve("labels");
        DatasetTestSupport.image(dir, "a", 100, 50, List.of(
                new LabeledBox("car", 1, 1, 5, 5),
                new LabeledBox("person", -1, 0, 10, 10),
                new LabeledBox("person", 90, 40, 100.5f, 50),
                new LabeledBox("pallet", 10, 10, 10, 20),
                new LabeledBox("pallet", 10, 30, 20, 25)));
        DatasetTestSupport.image(dir, "nolabel", 100, 50, List.of());
        Files.delete(labels.resolve("nolabel.txt"));
        Files.writeString(labels.resolve("orphan.txt"), "person 0 0 0 1 1 2 2 0 0 0 0 0 0 0\n");
        DatasetTestSupport.image(dir, "short", 100, 50, List.of());
        Files.writeString(labels.resolve("short.txt"), "\nperson 1 2\n");

        DatasetValidator.Report r = DatasetValidator.validate(dir, LABELS);
        Path a = labels.resolve("a.txt");
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).containsExactlyInAnyOrder(
                dir.resolve("images/nolabel.png") + ": no label file " + labels.resolve("nolabel.txt"),
                labels.resolve("short.txt") + ":2: expected 15 fields (class 0 0 0 xmin ymin xmax ymax 0 0 0 0 0 0 0), got 3",
                labels.resolve("orphan.txt") + ": label file without an image in " + dir.resolve("images"),
                a + " box 1 (car 1.0 1.0 5.0 5.0): unknown class 'car' (known: forklift, person, pallet)",
                a + " box 2 (person -1.0 0.0 10.0 10.0): box outside the 100x50 image",
                a + " box 3 (person 90.0 40.0 100.5 50.0): box outside the 100x50 image",
                a + " box 4 (pallet 10.0 10.0 10.0 20.0): degenerate box (xmax must be > xmin and ymax > ymin)",
                a + " box 5 (pallet 10.0 30.0 20.0 25.0): degenerate box (xmax must be > xmin and ymax > ymin)");
        assertThat(r.histogram()).containsEntry("car", 1).containsEntry("person", 2).containsEntry("pallet", 2)
                .containsEntry("forklift", 0);
    }
}
