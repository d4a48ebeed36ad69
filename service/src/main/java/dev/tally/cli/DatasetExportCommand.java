package dev.tally.cli;

import dev.tally.TallyException;
import dev.tally.dataset.LabeledImage;
import dev.tally.dataset.SimExport;
import dev.tally.dataset.SimMot;
import dev.tally.sim.SimSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code tally dataset export}: renders the synthetic warehouse camera into a labelled KITTI dataset, or writes
 * its ground truth as MOTChallenge sequences ({@code --format mot}: one {@code sim-SEED/} per camera with
 * {@code gt/gt.txt} and {@code seqinfo.ini}, every frame from the first, boxes at the simulator's size).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Render the synthetic warehouse camera into a KITTI dataset (images/ + labels/), or write its"
                + " ground truth as MOTChallenge sequences (--format mot: OUT/sim-SEED/gt/gt.txt + seqinfo.ini)."})
public final class DatasetExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec cmd;
    @Option(names = "--format", defaultValue = "kitti", description = "kitti or mot (default ${DEFAULT-VALUE}).")
    String format;
    @Option(names = "--seed", defaultValue = "1", description = "Seed of the first camera (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--cameras", defaultValue = "1", description = "Cameras (seeds seed, seed+1, ...).")
    int cameras;
    @Option(names = "--frames", required = true, description = "Frames rendered per camera after --skip.")
    int frames;
    @Option(names = "--every", defaultValue = "1", description = "Keep every K-th frame (default ${DEFAULT-VALUE}).")
    int every;
    @Option(names = "--skip", defaultValue = "0", description = "Frames rendered but not written first.")
    int skip;
    @Option(names = "--width", defaultValue = "1280", description = "Image width (default ${DEFAULT-VALUE}).")
    int width;
    @Option(names = "--height", defaultValue = "720", description = "Image height (default ${DEFAULT-VALUE}).")
    int height;
    @Option(names = "--sim", defaultValue = "sim://warehouse",
            description = "Simulator spec (size, fps, object counts); its seed is replaced by --seed.")
    String sim;
    @Option(names = "--vary", description = "Give each camera its own numbers of people, forklifts, pallets.")
    boolean vary;
    @Option(names = "--image-format", defaultValue = "png", description = "png or jpg (default ${DEFAULT-VALUE}).")
    String imageFormat;
    @Option(names = "--jpeg-quality", defaultValue = "0.9", description = "JPEG quality 0..1.")
    float jpegQuality;
    @Option(names = "--min-visibility", defaultValue = "0.3",
            description = "Leave out objects less visible than this fraction (default ${DEFAULT-VALUE}).")
    float minVisibility;
    @Option(names = {"-o", "--output"}, required = true, description = "Output directory.")
    Path output;

    @Override
    public Integer call() {
        if (!format.equals("kitti") && !format.equals("mot")) {
            throw TallyException.badConfig("--format: kitti or mot, got '" + format + "'");
        }
        if (format.equals("mot")) {
            return exportMot();
        }
        SimExport.Options o;
        try {
            SimSpec spec = SimSpec.fromUri(java.net.URI.create(sim)).withSeed(seed);
            o = new SimExport.Options(spec, cameras, frames, every, skip, width, height, imageFormat, jpegQuality,
                    minVisibility, vary);
        } catch (IllegalArgumentException e) {
            throw TallyException.badConfig(e.getMessage());
        }
        List<LabeledImage> images = SimExport.export(o, output);
        long boxes = images.stream().mapToLong(i -> i.boxes().size()).sum();
        cmd.commandLine().getOut().println("wrote " + images.size() + " images, " + boxes + " boxes to " + output);
        return TallyException.OK;
    }

    private int exportMot() {
        if (skip != 0 || every != 1) {
            throw TallyException.badConfig("--format mot writes every frame from the first: --skip and --every"
                    + " are for kitti only");
        }
        SimSpec base;
        try {
            base = SimSpec.fromUri(java.net.URI.create(sim)).withSeed(seed);
            if (cameras < 1 || frames < 1) {
                throw new IllegalArgumentException("--cameras and --frames must be at least 1");
            }
        } catch (IllegalArgumentException e) {
            throw TallyException.badConfig(e.getMessage());
        }
        for (int c = 0; c < cameras; c++) {
            SimSpec spec = SimExport.cameraSpec(base, c, vary);
            Path dir = output.resolve("sim-" + spec.seed());
            long boxes = SimMot.export(spec, frames, minVisibility, dir);
            cmd.commandLine().getOut().println("wrote " + dir + ": " + frames + " frames, " + boxes + " boxes, source "
                    + spec.toUri());
        }
        return TallyException.OK;
    }
}
