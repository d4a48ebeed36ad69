package dev.tally.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoTest {
    @TempDir
    Path dir;

    @Test
    void kittiToCocoAndBackKeepsEveryBox() throws Exception {
        Path kitti = dir.resolve("kitti");
        List<LabeledBox> a = List.of(new LabeledBox("person", 1, 2, 11, 32), new LabeledBox("pallet", 50, 40, 90, 80));
        List<LabeledBox> b = List.of(new LabeledBox("forklift", 0, 0, 100.5f, 60.25f));
        DatasetTestSupport.image(kitti, "a", 120, 90, a);
        DatasetTestSupport.image(kitti, "b", 120, 90, b);
        Path json = dir.resolve("coco/annotations.json");
        Coco.write(json, Kitti.read(kitti), List.of("forklift", "person", "pallet"));

        String text = Files.readString(json);
        assertThat(text).contains("\"file_name\": \"../kitti/images/a.png\"")
                .contains("\"bbox\": [1.00, 2.00, 10.00, 30.00]").contains("{\"id\": 3, \"name\": \"pallet\"}");
        List<LabeledImage> read = Coco.read(json);
        assertThat(read).extracting(LabeledImage::boxes).containsExactly(a, b);
        assertThat(read.get(0).image().normalize()).isEqualTo(kitti.resolve("images/a.png").toAbsolutePath());

        Path back = dir.resolve("back");
        Kitti.write(back, read);
        assertThat(Kitti.read(back)).extracting(LabeledImage::boxes).containsExactly(a, b);
    }

    @Test
    void readsFilesWithOtherCategoryIds() throws Exception {
        Path json = dir.resolve("x.json");
        Files.writeString(json, """
                {"info": {"year": 2026, "ok": true, "none": null},
                 "images": [{"id": 7, "file_name": "img/1.jpg", "width": 640, "height": 480}],
                 "annotations": [{"id": 1, "image_id": 7, "category_id": 12, "bbox": [10, 20, 30.5, 40], "iscrowd": 0}],
                 "categories": [{"id": 12, "name": "per\\u0073on"}]}
                """);
        List<LabeledImage> read = Coco.read(json);
        assertThat(read).hasSize(1);
        assertThat(read.get(0).width()).isEqualTo(640);
        assertThat(read.get(0).boxes()).containsExactly(new LabeledBox("person", 10, 20, 40.5f, 60));
    }

    @Test
    void brokenFilesAreNamed() throws Exception {
        Path json = dir.resolve("bad.json");
        Files.writeString(json, "{\"images\": [}");
        assertThatThrownBy(() -> Coco.read(json)).isInstanceOf(DatasetException.class)
                .hasMessage(json + ": invalid JSON at offset 12: expected a value");
        Files.writeString(json, "{\"images\": []}");
        assertThatThrownBy(() -> Coco.read(json))
                .hasMessage(json + ": not a COCO detection file: missing array 'categories'");
        Files.writeString(json, "{\"images\": [], \"categories\": [], \"annotations\": "
                + "[{\"id\": 4, \"image_id\": 1, \"category_id\": 9, \"bbox\": [0, 0, 1, 1]}]}");
        assertThatThrownBy(() -> Coco.read(json)).hasMessage(json + ": annotation 4.0 has unknown category_id 9");
    }
}
