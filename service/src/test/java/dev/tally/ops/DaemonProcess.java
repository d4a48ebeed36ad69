package dev.tally.ops;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * {@code tally run -c FILE} as a real child JVM, for tests: its log lines are collected, it can be awaited until a
 * line appears, and stopped with SIGTERM.
 */
final class DaemonProcess implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private DaemonProcess(Process process) {
        this.process = process;
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // process gone
            }
        }, "daemon-log");
        t.setDaemon(true);
        t.start();
    }

    /** Writes {@code hocon} to dir/tally.conf and starts the daemon on it with extra environment variables. */
    static DaemonProcess start(Path dir, String hocon, Map<String, String> env) throws IOException {
        Path conf = dir.resolve("tally.conf");
        Files.writeString(conf, hocon);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-cp", System.getProperty("java.class.path"), "dev.tally.cli.TallyMain", "run", "-c",
                conf.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        return new DaemonProcess(pb.start());
    }

    /** Waits until a log line contains {@code text}; fails with the log so far if it does not come in time. */
    String await(String text, long seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            for (String l : lines) {
                if (l.contains(text)) {
                    return l;
                }
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("daemon did not log \"" + text + "\" (" + (process.isAlive() ? "running" : "exit code " + process.exitValue()) + "):\n"
                + String.join("\n", lines));
    }

    List<String> log() {
        return List.copyOf(lines);
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM, then the exit code (or -1 if it did not exit within the timeout). */
    int terminate(long seconds) throws InterruptedException {
        process.destroy();
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** A small two-camera deployment of the demo model: 640x360 synthetic cameras at 10 fps. */
    static String demoConfig(Path stateDir, int httpPort, int rtspPort, String redisUri) {
        Path root = SystemdUnitTest.repoRoot();
        return """
            tally {
              site = test-site
              state-dir = "%s"
              cameras = [
                { id = dock-1, uri = "sim://warehouse?seed=3&width=640&height=360&fps=10"
                  lines = [ { name = door, from = [320, 20], to = [320, 340] } ]
                  zones = [ { name = bay, polygon = [[20, 180], [300, 180], [300, 350], [20, 350]] } ] }
                { id = aisle-3, uri = "sim://warehouse?seed=4&width=640&height=360&fps=10"
                  lines = [ { name = aisle, from = [20, 180], to = [620, 180] } ] }
              ]
              model {
                onnx = "%s"
                labels-file = "%s"
                input-width = 480
                input-height = 272
              }
              pipeline { backend = portable, width = 640, height = 360, fps = 10 }
              rtsp { port = %d, bind = "127.0.0.1" }
              redis { enabled = %s, uri = "%s", publish-interval = 500ms }
              http { bind = "127.0.0.1", port = %d }
              analytics.rules = [ { name = person-in-bay, class = person, zone = bay, on-frames = 3, off-frames = 5 } ]
            }
            """.formatted(stateDir, root.resolve("models/demo/tally-demo.onnx"),
                root.resolve("models/demo/labels.txt"), rtspPort, redisUri != null, redisUri == null ? "redis://127.0.0.1:1" : redisUri,
                httpPort);
    }
}
