package dev.tally.engine;

import dev.tally.config.ModelConfig.Precision;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The trtexec command line equivalent to Tally's own build: same precision, calibration cache, batch
 * (optimisation profile of min 1 / opt and max = batch for dynamic inputs), workspace and DLA core.
 */
public final class TrtexecCommand {
    private TrtexecCommand() {
    }

    public static List<String> build(Path trtexec, EngineSpec spec, List<OnnxInputs.Input> inputs, Path output) {
        List<String> cmd = new ArrayList<>();
        cmd.add(trtexec.toString());
        cmd.add("--onnx=" + spec.onnx());
        cmd.add("--saveEngine=" + output);
        if (spec.precision() == Precision.FP16) {
            cmd.add("--fp16");
        } else if (spec.precision() == Precision.INT8) {
            cmd.add("--int8");
            if (spec.calibrationCache() != null) {
                cmd.add("--calib=" + spec.calibrationCache());
            }
        }
        List<OnnxInputs.Input> dynamic = inputs.stream().filter(OnnxInputs.Input::dynamic).toList();
        if (!dynamic.isEmpty()) {
            cmd.add("--minShapes=" + shapes(spec, dynamic, 1));
            cmd.add("--optShapes=" + shapes(spec, dynamic, spec.batch()));
            cmd.add("--maxShapes=" + shapes(spec, dynamic, spec.batch()));
        }
        cmd.add("--memPoolSize=workspace:" + spec.workspaceMib());
        if (spec.dlaCore() >= 0) {
            cmd.add("--useDLACore=" + spec.dlaCore());
            cmd.add("--allowGPUFallback");
        }
        return cmd;
    }

    private static String shapes(EngineSpec spec, List<OnnxInputs.Input> inputs, int batch) {
        StringJoiner all = new StringJoiner(",");
        for (OnnxInputs.Input in : inputs) {
            StringJoiner dims = new StringJoiner("x");
            for (long d : spec.shapeAt(in.dims(), batch)) {
                dims.add(Long.toString(d));
            }
            String name = in.name().contains(":") ? "'" + in.name() + "'" : in.name(); // trtexec's quoting
            all.add(name + ":" + dims);
        }
        return all.toString();
    }
}
