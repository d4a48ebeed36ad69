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

    private volatile String lastError = "";

    /**
     * Runs a command; returns its output lines, or null (logged == true) / empty (quiet) on failure. Its output
     * is read on a helper thread so the wait stays interruptible: an interrupt (SIGTERM to the daemon during
     * the build) stops the process and its children and throws {@link EngineException.Kind#INTERRUPTED}.
     */
    private List<String> run(List<String> cmd, boolean logged) {
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
        } catch (IOException e) {
            if (logged) {
                lastError = e.getMessage();
                return null;
            }
            return List.of();
        }
        Thread pump = new Thread(() -> pump(p, logged, lines), "tally-trtexec-output");
        pump.setDaemon(true);
        pump.start();
        Thread hook = new Thread(() -> kill(p), "tally-trtexec-kill"); // the JVM exiting otherwise (engine build CLI)
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            int rc = p.waitFor();
            pump.join(5_000);
            if (rc != 0 && logged) {
                return null;
            }
            return new ArrayList<>(lines);
        } catch (InterruptedException e) {
            kill(p);
            Thread.currentThread().interrupt();
            throw new EngineException(EngineException.Kind.INTERRUPTED, "interrupted; stopped " + cmd.get(0)
                    + " (pid " + p.pid() + ")");
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or ran
            }
        }
    }

    private void pump(Process p, boolean logged, List<String> lines) {
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
        } catch (IOException e) {
            // the process was stopped; its exit code tells the rest
        }
    }

    /** SIGTERM to the process and its children, SIGKILL after 5 s. */
    private static void kill(Process p) {
        if (!p.isAlive()) {
            return;
        }
        List<ProcessHandle> children = p.descendants().toList();
        p.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                children.forEach(ProcessHandle::destroyForcibly);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
