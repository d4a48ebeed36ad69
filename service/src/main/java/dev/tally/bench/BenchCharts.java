package dev.tally.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * PNG charts of bench results: {@code bench-scaling.png} (processed, detector-only and offered frame rates
 * per stream count) and {@code bench-stages.png} (mean µs per frame of each stage per stream count).
 */
public final class BenchCharts {
    private static final List<String> STAGES = List.of("copy-out", "preprocess", "model run", "decode", "tracking",
            "analytics", "overlay", "encode");

    private BenchCharts() {
    }

    public static void write(List<BenchResult> results, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BitmapEncoder.saveBitmap(scaling(results), dir.resolve("bench-scaling.png").toString(),
                BitmapEncoder.BitmapFormat.PNG);
        BitmapEncoder.saveBitmap(stages(results), dir.resolve("bench-stages.png").toString(),
                BitmapEncoder.BitmapFormat.PNG);
    }

    private static CategoryChart scaling(List<BenchResult> rs) {
        CategoryChart c = new CategoryChartBuilder().width(800).height(450)
                .title("Tally portable pipeline: frames per second vs cameras")
                .xAxisTitle("synthetic cameras").yAxisTitle("frames / s").build();
        style(c);
        List<String> x = new ArrayList<>();
        List<Double> offered = new ArrayList<>();
        List<Double> processed = new ArrayList<>();
        List<Double> detector = new ArrayList<>();
        for (BenchResult r : rs) {
            x.add(Integer.toString(r.streams()));
            offered.add(r.offeredFps());
            processed.add(r.pipelineFps());
            detector.add(r.detectorMeanFps());
        }
        c.addSeries("offered by the cameras", x, offered);
        c.addSeries("processed by the pipeline", x, processed);
        c.addSeries("detector alone (same run)", x, detector);
        return c;
    }

    private static CategoryChart stages(List<BenchResult> rs) {
        CategoryChart c = new CategoryChartBuilder().width(800).height(450)
                .title("Tally portable pipeline: mean time per frame by stage")
                .xAxisTitle("stage").yAxisTitle("µs per frame").build();
        style(c);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        for (BenchResult r : rs) {
            List<Double> y = new ArrayList<>();
            for (String s : STAGES) {
                y.add(mean(r, s));
            }
            c.addSeries(r.streams() + (r.streams() == 1 ? " camera" : " cameras"), STAGES, y);
        }
        return c;
    }

    private static double mean(BenchResult r, String stage) {
        Map<String, double[]> st = r.stages();
        return switch (stage) {
            case "copy-out" -> r.copyOutUs();
            case "preprocess" -> r.preprocessUs();
            case "model run" -> r.runUs();
            case "decode" -> r.decodeUs();
            default -> st.containsKey(stage) ? st.get(stage)[1] : 0.0;
        };
    }

    private static void style(CategoryChart c) {
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        c.getStyler().setPlotGridVerticalLinesVisible(false);
    }
}
