package dev.tally.cli;

import dev.tally.TallyException;
import dev.tally.bench.BenchCharts;
import dev.tally.bench.BenchReport;
import dev.tally.bench.BenchResult;
import dev.tally.bench.PipelineBench;
import dev.tally.config.ConfigLoader;
import dev.tally.config.TallyConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tally bench}: the portable pipeline's throughput, stage times and efficiency on synthetic cameras. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Runs the portable pipeline on N synthetic cameras and reports per-stage times, the "
                + "pipeline frame rate against the detector alone (same run), CPU and memory. No Redis needed.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "examples/demo.conf",
            description = "Config whose model, tracker and analytics settings are used (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--streams", split = ",", defaultValue = "1", description = "Camera counts, e.g. 1,2,4.")
    List<Integer> streams;

    @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds per phase.")
    int seconds;

    @Option(names = "--warmup", defaultValue = "3", description = "Pipeline warm-up seconds (not measured).")
    int warmup;

    @Option(names = "--width", defaultValue = "640") int width;
    @Option(names = "--height", defaultValue = "360") int height;
    @Option(names = "--fps", defaultValue = "30", description = "Frame rate of each synthetic camera.") int fps;

    @Option(names = "--objects", defaultValue = "20", description = "Things in each synthetic scene.")
    int objects;

    @Option(names = "--output", defaultValue = "off", description = "on: overlay + H.264 encode + RTSP; off.")
    String output;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the results as JSON.")
    Path json;

    @Option(names = "--charts", paramLabel = "DIR", description = "Write PNG charts into DIR.")
    Path charts;

    @Override
    public Integer call() throws Exception {
        if (!output.equals("on") && !output.equals("off")) {
            throw TallyException.badConfig("--output must be on or off, got " + output);
        }
        if (width % 8 != 0 || height % 2 != 0 || seconds < 1 || streams.isEmpty()) {
            throw TallyException.badConfig(
                    "--width must be a multiple of 8, --height even, --seconds >= 1, --streams not empty");
        }
        TallyConfig base = ConfigLoader.load(config);
        PipelineBench bench = new PipelineBench(new PipelineBench.Options(base, seconds, warmup, width, height, fps,
                output.equals("on"), objects));
        List<BenchResult> results = new ArrayList<>();
        for (int n : streams) {
            System.err.printf("bench: %d stream(s), %ds detector alone, %ds+%ds pipeline, %ds detector alone%n",
                    n, seconds, warmup, seconds, seconds);
            BenchResult r = bench.run(n);
            results.add(r);
            System.out.println(BenchReport.stages(r));
        }
        System.out.println(BenchReport.scaling(results));
        try {
            if (json != null) {
                Files.writeString(json, BenchReport.json(results));
            }
            if (charts != null) {
                Files.createDirectories(charts);
                BenchCharts.write(results, charts);
                System.out.println("charts written to " + charts);
            }
        } catch (IOException e) {
            throw TallyException.failure("cannot write results: " + e.getMessage());
        }
        return 0;
    }
}
