package dev.tally.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KittiTest {
    @TempDir
    Path dir;

    @Test
    void writesTaoLabelLines() {
        assertThat(Kitti.format(List.of(new LabeledBox("person", 1.5f, 2f, 30.25f, 40f))))
                .isEqualTo("person 0 0 0 1.50 2.00 30.25 40.00 0 0 0 0 0 0 0\n");
        assertThatThrownBy(() -> Kitti.format(List.of(new LabeledBox("fork lift", 0, 0, 1, 1))))
                .hasMessage("KITTI class names cannot be empty or contain spaces: 'fork lift'");
    }

    @Test
    void roundTripsImagesAndBoxes() {
        List<LabeledBox> boxes = List.of(new LabeledBox("forklift", 10, 20, 110, 80),
                new LabeledBox("pallet", 0.5f, 1.25f, 31, 63.75f));
        DatasetTestSupport.image(dir, "a", 160, 90, boxes);
        DatasetTestSupport.image(dir, "b", 160, 90, List.of());
        List<LabeledImage> read = Kitti.read(dir);
        assertThat(read).hasSize(2);
        assertThat(read.get(0).image()).isEqualTo(dir.resolve("images/a.png"));
        assertThat(read.get(0).width()).isEqualTo(160);
        assertThat(read.get(0).height()).isEqualTo(90);
        assertThat(read.get(0).boxes()).isEqualTo(boxes);
        assertThat(read.get(1).boxes()).isEmpty();

        Path copy = dir.resolve("copy");
        Kitti.write(copy, read);
        assertThat(Kitti.read(copy)).extracting(LabeledImage::boxes).containsExactly(boxes, List.of());
    }

    @Test
    void readNamesTheFirstProblem() throws Exception {
        DatasetTestSupport.image(dir, "a", 64, 64, List.of());
        Files.writeString(dir.resolve("labels/a.txt"), "person 0 0 0 1 2 3\n");
        assertThatThrownBy(() -> Kitti.read(dir)).isInstanceOf(DatasetException.class)
                .hasMessage(dir.resolve("labels/a.txt") + ":1: expected 15 fields "
                        + "(class 0 0 0 xmin ymin xmax ymax 0 0 0 0 0 0 0), got 7");
        Files.writeString(dir.resolve("labels/a.txt"), "person 0 0 0 1 2 x 4 0 0 0 0 0 0 0\n");
        assertThatThrownBy(() -> Kitti.read(dir))
                .hasMessage(dir.resolve("labels/a.txt") + ":1: box fields 5..8 must be numbers, got "
                        + "'person 0 0 0 1 2 x 4 0 0 0 0 0 0 0'");
    }

    @Test
    void missingDirectoriesAreProblems() {
        assertThat(Kitti.scan(dir).problems()).containsExactly(dir.resolve("images") + ": missing images directory",
                dir.resolve("labels") + ": missing labels directory");
    }
}
