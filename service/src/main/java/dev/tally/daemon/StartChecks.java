package dev.tally.daemon;

import dev.tally.TallyException;
import dev.tally.config.ConfigProblems;
import dev.tally.config.ModelConfig.ModelType;
import dev.tally.config.PipelineConfig;
import dev.tally.config.TallyConfig;
import dev.tally.inference.OnnxDetector;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * What {@code tally run} would refuse at start beyond the file itself, checked before anything starts, by
 * {@code run} and by {@code validate} alike:
 * <ul>
 *   <li>the model, where the portable backend will load it: ONNX Runtime loads {@code model.onnx} and the detector
 *       checks its input and outputs against {@code model.*} and the labels (a file that is not ONNX, an output
 *       layout of another model type, fewer labels than the model has classes);</li>
 *   <li>the HTTP and RTSP listen addresses ({@code bind}:{@code port}) are free.</li>
 * </ul>
 * Every problem is one line {@code file:line: key: message}; together they are one {@link TallyException} with exit
 * code 2 ({@link ConfigProblems}).
 */
public final class StartChecks {
    /** The model types the portable backend's detector decodes (others run only under DeepStream). */
    private static final Set<ModelType> PORTABLE_TYPES =
            EnumSet.of(ModelType.DETECTNET_V2, ModelType.DINO, ModelType.DEFORMABLE_DETR);

    private StartChecks() {
    }

    /**
     * Runs every check and throws when any fails.
     *
     * @param checkPorts false to leave the ports alone (a running Tally holds them)
     */
    public static void check(TallyConfig c, boolean checkPorts) {
        ConfigProblems problems = new ConfigProblems(c);
        model(c, problems);
        if (checkPorts) {
            ports(c, problems);
        }
        problems.throwIfAny();
    }

    /** The ports alone (what {@code run} checks before the model is loaded by the backend). */
    public static void ports(TallyConfig c, ConfigProblems problems) {
        if (c.http().enabled()) {
            port(problems, "tally.http.port", c.http().bind(), c.http().port());
        }
        if (c.rtsp().enabled() && c.pipeline().output() != PipelineConfig.OutputMode.NONE) {
            port(problems, "tally.rtsp.port", c.rtsp().bind(), c.rtsp().port());
        }
    }

    private static void port(ConfigProblems problems, String key, String bind, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true); // as the servers do: a closed connection in TIME_WAIT does not block the port
            s.bind(new InetSocketAddress(bind, port));
        } catch (IOException | IllegalArgumentException | SecurityException e) {
            problems.add(key, "cannot listen on " + bind + ":" + port + ": " + e.getMessage()
                    + " (another process has it, or the address is not on this machine)");
        }
    }

    /**
     * Loads the model the way the portable backend does and closes it again. Skipped for
     * {@code pipeline.backend = deepstream} (nvinfer reads the model) and for types the portable detector does not
     * decode (only DeepStream runs them).
     */
    public static void model(TallyConfig c, ConfigProblems problems) {
        Path onnx = c.model().onnx();
        if (onnx == null || c.pipeline().backend() == PipelineConfig.Backend.DEEPSTREAM
                || !PORTABLE_TYPES.contains(c.model().type())) {
            return;
        }
        TallyException[] failed = new TallyException[1];
        // on a thread with the stack ONNX Runtime's session creation needs (see OnnxDetector.THREAD_STACK_BYTES)
        Thread t = new Thread(null, () -> {
            try (OnnxDetector d = OnnxDetector.open(c.model(), c.model().effectiveBatchSize(c.cameras().size()))) {
                // loaded and bound: the backend will load it the same way
            } catch (TallyException e) {
                failed[0] = e;
            }
        }, "tally-model-check", OnnxDetector.THREAD_STACK_BYTES);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (failed[0] != null) {
            // a class count that does not fit is fixed in the labels as often as in the model
            String m = failed[0].getMessage();
            String key = m.contains(" labels, ") && problems.inFile("tally.model.labels-file")
                    ? "tally.model.labels-file" : "tally.model.onnx";
            problems.add(key, m);
        }
    }
}
