package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.TallyException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCommandTest {
    @TempDir
    Path dir;

    private String out;
    private String err;

    private int run(String... args) {
        PrintStream o = System.out, e = System.err;
        ByteArrayOutputStream bo = new ByteArrayOutputStream(), be = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bo, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(be, true, StandardCharsets.UTF_8));
        try {
            return TallyMain.execute(args);
        } finally {
            System.setOut(o);
            System.setErr(e);
            out = bo.toString(StandardCharsets.UTF_8);
            err = be.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void exportValidateConvertAndBack() throws Exception {
        Path ds = dir.resolve("ds");
        assertThat(run("dataset", "export", "--format", "kitti", "--seed", "3", "--frames", "6", "--every", "3",
                "--width", "240", "--height", "136", "--sim", "sim://warehouse?width=640&height=360", "-o",
                ds.toString())).isZero();
        assertThat(out).startsWith("wrote 2 images, ");
        assertThat(Files.list(ds.resolve("images")).count()).isEqualTo(2);

        assertThat(run("dataset", "validate", ds.toString())).isZero();
        assertThat(out).startsWith("dataset " + ds + ": 2 images, ").contains("  forklift").contains("OK: no problems found");

        Path json = dir.resolve("coco/ann.json");
        assertThat(run("dataset", "convert", "--from", "kitti", "--to", "coco", "-i", ds.toString(), "-o",
                json.toString())).isZero();
        Path back = dir.resolve("back");
        assertThat(run("dataset", "convert", "--from", "coco", "--to", "kitti", "-i", json.toString(), "-o",
                back.toString())).isZero();
        for (String stem : new String[] {"s3_f000000", "s3_f000003"}) {
            assertThat(Files.readString(back.resolve("labels/" + stem + ".txt")))
                    .isEqualTo(Files.readString(ds.resolve("labels/" + stem + ".txt")));
        }

        Files.writeString(ds.resolve("labels/s3_f000000.txt"), "truck 0 0 0 1 1 5 5 0 0 0 0 0 0 0\n");
        assertThat(run("dataset", "validate", ds.toString())).isEqualTo(TallyException.BAD_CONFIG);
        assertThat(out).contains("1 problem(s):").contains("unknown class 'truck' (known: forklift, person, pallet)")
                .contains("(unknown class)");
    }

    @Test
    void motExportWritesEveryFrameOfTheTruthAndTheUriToReplay() throws Exception {
        assertThat(run("dataset", "export", "--format", "mot", "--seed", "5", "--frames", "30", "--sim",
                "sim://warehouse?width=320&height=180", "-o", dir.toString())).isEqualTo(TallyException.OK);
        java.nio.file.Path seq = dir.resolve("sim-5");
        java.util.List<dev.tally.eval.MotFile.Row> rows = dev.tally.eval.MotFile.read(seq.resolve("gt/gt.txt"));
        assertThat(rows).isNotEmpty();
        assertThat(rows.stream().mapToInt(dev.tally.eval.MotFile.Row::frame).max().getAsInt()).isEqualTo(30);
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.cls()).isBetween(0, 2);
            assertThat(r.left() + r.width()).isLessThanOrEqualTo(320f);
            assertThat(r.visibility()).isGreaterThanOrEqualTo(0.3f);
        });
        assertThat(java.nio.file.Files.readString(seq.resolve("seqinfo.ini")))
                .contains("seqLength=30").contains("source=sim://warehouse?seed=5&width=320&height=180");
    }

    @Test
    void badArgumentsAreOneLineErrors() {
        assertThat(run("dataset", "export", "--format", "coco", "--frames", "1", "-o", dir.toString()))
                .isEqualTo(TallyException.BAD_CONFIG);
        assertThat(err.trim()).isEqualTo("--format: kitti or mot, got 'coco'");
        assertThat(run("dataset", "export", "--frames", "1", "--sim", "sim://warehouse?color=red", "-o",
                dir.toString())).isEqualTo(TallyException.BAD_CONFIG);
        assertThat(err.trim()).isEqualTo("synthetic camera URI 'sim://warehouse?color=red': unknown key 'color'"
                + " (allowed: seed, width, height, fps, people, forklifts, pallets)");
        assertThat(run("dataset", "convert", "--from", "kitti", "--to", "coco", "-i", dir.resolve("none").toString(),
                "-o", dir.resolve("x.json").toString())).isEqualTo(TallyException.BAD_CONFIG);
        assertThat(err.trim()).startsWith(dir.resolve("none/images") + ": missing images directory");
    }
}
