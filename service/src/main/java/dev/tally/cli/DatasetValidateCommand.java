package dev.tally.cli;

import dev.tally.TallyException;
import dev.tally.dataset.DatasetValidator;
import dev.tally.sim.GroundTruth;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tally dataset validate DIR}: prints counts, the class histogram and every problem; exit 2 on problems. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check a KITTI dataset: missing labels or images, malformed lines, unknown classes,",
            "boxes outside the image, degenerate boxes. Prints a class histogram. Exit code 2 when problems are found."})
public final class DatasetValidateCommand implements Callable<Integer> {
    private static final int MAX_SHOWN = 50;

    @Spec
    CommandSpec cmd;
    @Parameters(index = "0", description = "Dataset directory (images/ + labels/).")
    Path dir;
    @Option(names = "--labels", split = ",", description = "Known classes (default: forklift,person,pallet).")
    List<String> labels;

    @Override
    public Integer call() {
        List<String> known = labels == null || labels.isEmpty() ? GroundTruth.LABELS : labels;
        DatasetValidator.Report r = DatasetValidator.validate(dir, known);
        PrintWriter out = cmd.commandLine().getOut();
        out.println("dataset " + dir + ": " + r.images() + " images, " + r.boxes() + " boxes");
        for (Map.Entry<String, Integer> e : r.histogram().entrySet()) {
            out.printf("  %-12s %7d%s%n", e.getKey(), e.getValue(), known.contains(e.getKey()) ? "" : "  (unknown class)");
        }
        if (r.ok()) {
            out.println("OK: no problems found");
            out.flush();
            return TallyException.OK;
        }
        out.println(r.problems().size() + " problem(s):");
        r.problems().stream().limit(MAX_SHOWN).forEach(p -> out.println("  " + p));
        if (r.problems().size() > MAX_SHOWN) {
            out.println("  ... and " + (r.problems().size() - MAX_SHOWN) + " more");
        }
        out.flush();
        return TallyException.BAD_CONFIG;
    }
}
