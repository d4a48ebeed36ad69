package dev.tally.cli;

import dev.tally.TallyException;
import dev.tally.dataset.Coco;
import dev.tally.dataset.DatasetException;
import dev.tally.dataset.Kitti;
import dev.tally.dataset.LabeledImage;
import dev.tally.sim.GroundTruth;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tally dataset convert}: KITTI directory to COCO JSON and back. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Convert between a KITTI directory (images/ + labels/) and a COCO annotation file.",
            "  kitti -> coco: -i DIR -o FILE.json (image paths in the JSON are relative to it)",
            "  coco -> kitti: -i FILE.json -o DIR (images are copied into DIR/images)"})
public final class DatasetConvertCommand implements Callable<Integer> {
    @Spec
    CommandSpec cmd;
    @Option(names = "--from", required = true, description = "kitti or coco")
    String from;
    @Option(names = "--to", required = true, description = "coco or kitti")
    String to;
    @Option(names = {"-i", "--input"}, required = true, description = "Input directory (kitti) or JSON file (coco).")
    Path input;
    @Option(names = {"-o", "--output"}, required = true, description = "Output JSON file (coco) or directory (kitti).")
    Path output;
    @Option(names = "--labels", split = ",", description = "Category order for COCO output (default: "
            + "forklift,person,pallet, then any other class in order of appearance).")
    List<String> labels;

    @Override
    public Integer call() {
        try {
            if (from.equals("kitti") && to.equals("coco")) {
                List<LabeledImage> images = Kitti.read(input);
                Coco.write(output, images, categories(images));
                report(images);
            } else if (from.equals("coco") && to.equals("kitti")) {
                List<LabeledImage> images = Coco.read(input);
                Kitti.write(output, images);
                report(images);
            } else {
                throw TallyException.badConfig("--from/--to: supported conversions are kitti -> coco "
                        + "and coco -> kitti, got " + from + " -> " + to);
            }
        } catch (DatasetException e) {
            throw TallyException.badConfig(e.getMessage(), e);
        }
        return TallyException.OK;
    }

    private List<String> categories(List<LabeledImage> images) {
        if (labels != null && !labels.isEmpty()) {
            return labels;
        }
        List<String> all = new ArrayList<>(GroundTruth.LABELS);
        Coco.labelsOf(images).stream().filter(l -> !all.contains(l)).forEach(all::add);
        return all;
    }

    private void report(List<LabeledImage> images) {
        long boxes = images.stream().mapToLong(i -> i.boxes().size()).sum();
        cmd.commandLine().getOut().println("converted " + images.size() + " images, " + boxes + " boxes: " + input
                + " (" + from + ") -> " + output + " (" + to + ")");
    }
}
