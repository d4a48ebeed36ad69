package dev.tally.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds engines by running trtexec with {@link TrtexecCommand}'s arguments; its output is logged line by line
 * as progress. The TensorRT version comes from trtexec's banner ({@code [TensorRT v100300]}), the GPU name from
 * nvidia-smi when present.
 */
final class TrtexecToolchain implements EngineToolchain {
    private static final Logger LOG = LoggerFactory.getLogger(TrtexecToolchain.class);
    private static final Pattern BANNER = Pattern.compile("\\[TensorRT v(\\d+)\\]");

    private final Path trtexec;
    private Platform platform;

    TrtexecToolchain(Path trtexec) {
        this.trtexec = trtexec;
    }

    @Override
    public BuildPath path() {
        return BuildPath.TRTEXEC;
    }

    @Override
    public Platform platform() {
        if (platform == null) {
            String version = "unknown";
            Matcher m = BANNER.matcher(String.join("\n", run(List.of(trtexec.toString(), "--help"), false)));
            if (m.find()) {
                version = TensorRtBindings.version(Integer.parseInt(m.group(1)));
            }
            List<String> smi = run(List.of("nvidia-smi", "--query-gpu=name", "--format=csv,noheader",
                    "--id=" + EngineNaming.DEFAULT_GPU_ID), false);
            String gpu = smi.isEmpty() || smi.get(0).isBlank() ? "unknown" : smi.get(0).trim();
            platform = new Platform(gpu, version);
        }
        return platform;
    }

    @Override
    public void build(EngineSpec spec, Path output) {
        List<OnnxInputs.Input> inputs;
        try {
            inputs = OnnxInputs.read(spec.onnx());
        } catch (IOException e) {
            throw new EngineException(EngineException.Kind.INPUT, spec.onnx() + ": " + e.getMessage());
        }
        List<String> cmd = TrtexecCommand.build(trtexec, spec, inputs, output);
        LOG.info("running {}", String.join(" ", cmd));
        List<String> out = run(cmd, true);
        if (out == null) {
            String last = lastError.isEmpty() ? "see the log above" : lastError;
            throw new EngineException(EngineException.Kind.INPUT, "trtexec failed to build " + spec.onnx() + ": " + last);
        }
    }

    private String lastError = "";

    /** Runs a command; returns its output lines, or null (logged == true) / empty (quiet) on failure. */
    private List<String> run(List<String> cmd, boolean logged) {
        List<String> lines = new ArrayList<>();
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (logged) {
                        LOG.info("trtexec: {}", line);
                        if (line.contains("Error") || line.contains("FAILED")) {
                            lastError = line.trim();
                        }
                    } else {
                        lines.add(line);
                    }
                }
            }
            int rc = p.waitFor(); // output reached EOF: the process is exiting
            if (rc != 0 && logged) {
                return null;
            }
            return lines;
        } catch (IOException e) {
            if (logged) {
                lastError = e.getMessage();
                return null;
            }
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return logged ? null : List.of();
        }
    }
}
