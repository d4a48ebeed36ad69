package dev.tally.proof;

import dev.tally.testing.ExternalProcess;
import dev.tally.testing.TallyProcess;
import dev.tally.testing.TestSupport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Real processes for the soak and fault tests: redis-server, {@code tally simulate} (one RTSP camera per
 * process, so one can be dropped), and the daemon itself ({@code tally run}) in its own JVM, plus readers of
 * its /metrics and of /proc. Every process started is tracked and {@link #close()} stops them all.
 */
final class DaemonRig implements AutoCloseable {
    static final int W = 320;
    static final int H = 184;
    static final int FPS = 10;

    final Path dir;
    private final List<Process> started = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    DaemonRig(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    private Process start(List<String> cmd, Path log) throws IOException {
        return start(new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())));
    }

    private Process start(ProcessBuilder pb) throws IOException {
        Process p = pb.start();
        started.add(p);
        return p;
    }

    /** redis-server with an fsync-always append-only file, so a restart keeps what it confirmed. */
    Process redis(int port) throws Exception {
        Path d = Files.createDirectories(dir.resolve("redis"));
        Process p = ExternalProcess.redisAppendOnly(d, port, dir.resolve("redis.log")).start().process();
        started.add(p);
        return p;
    }

    /** One synthetic camera served at rtsp://127.0.0.1:port/cam0. */
    Process simulate(int port, int seed) throws Exception {
        Process p = start(TallyProcess.command(List.of("-Xmx96m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                TallyProcess.mainClassPath(), "simulate", "--cameras", "1", "--port", Integer.toString(port),
                "--seed", Integer.toString(seed), "--width", Integer.toString(W), "--height", Integer.toString(H),
                "--fps", Integer.toString(FPS)), dir.resolve("sim-" + port + ".log"));
        awaitListening(p, port, "tally simulate");
        return p;
    }

    /** The daemon, {@code tally run -c config}, in its own JVM; output in daemon.log. */
    Process daemon(Path config, String... jvmOptions) throws IOException {
        // -Xss16m: ONNX Runtime needs a deep stack on the thread that loads the model (see OnnxDetector)
        // env: the signals the tests send act as under systemd even if this build runs with them ignored (nohup)
        List<String> options = new ArrayList<>(List.of("-Xss16m"));
        options.addAll(jvmOptions.length == 0 ? List.of("-Xmx256m") : List.of(jvmOptions));
        List<String> cmd = new ArrayList<>(List.of("env", "--default-signal=HUP,INT,TERM"));
        cmd.addAll(TallyProcess.command(options, TallyProcess.mainClassPath(), "run", "-c", config.toString()));
        // as bin/tally and the installed launcher run it (two malloc arenas; see docs/benchmarks.md)
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("daemon.log").toFile()));
        pb.environment().put("MALLOC_ARENA_MAX", "2");
        return start(pb);
    }

    /** A config: the demo model, cameras at rtsp://127.0.0.1:port/cam0, one line and one zone each. */
    Path config(String name, int[] cameraPorts, int redisPort, int httpPort, int spoolMib, String extra)
            throws IOException {
        Path models = TestSupport.repoRoot().resolve("models/demo");
        return config(name, cameraPorts, redisPort, httpPort, spoolMib, extra, """
                model { type = detectnet_v2, onnx = "%s", labels-file = "%s", input-width = 480,
                        input-height = 272, stride = 16, bbox-norm = 35.0, bbox-offset = 0.5, precision = fp32 }
                """.formatted(models.resolve("tally-demo.onnx"), models.resolve("labels.txt")));
    }

    /** {@link #config} with its own {@code model { }} block. */
    Path config(String name, int[] cameraPorts, int redisPort, int httpPort, int spoolMib, String extra,
                String model) throws IOException {
        StringBuilder cams = new StringBuilder();
        for (int i = 0; i < cameraPorts.length; i++) {
            cams.append("""
                    { id = cam-%d, uri = "rtsp://127.0.0.1:%d/cam0", transport = tcp, reconnect-initial-s = 1,
                      reconnect-max-s = 2,
                      lines = [ { name = middle, from = [%d, 10], to = [%d, %d] } ]
                      zones = [ { name = lane, polygon = [[60, 20], [260, 20], [260, 170], [60, 170]] } ] }
                    """.formatted(i + 1, cameraPorts[i], W / 2, W / 2, H - 10));
        }
        String text = """
                tally {
                  site = proof
                  state-dir = "%s"
                  cameras = [
                %s  ]
                  %s
                  pipeline { backend = portable, width = %d, height = %d, fps = %d, output = none }
                  rtsp { enabled = false }
                  redis { uri = "redis://127.0.0.1:%d", spool-max-mib = %d, timeout = 1s }
                  http { bind = "127.0.0.1", port = %d }
                  %s
                }
                """.formatted(dir.resolve("state"), cams, model, W, H, FPS, redisPort, spoolMib, httpPort, extra);
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    /** The daemon's /metrics as series → value ("name{labels}" keys), empty when unreachable. */
    Map<String, Double> metrics(int httpPort) {
        Map<String, Double> out = new LinkedHashMap<>();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                    + "/metrics")).timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            for (String line : r.body().split("\n")) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int sp = line.lastIndexOf(' ');
                try {
                    out.put(line.substring(0, sp), Double.parseDouble(line.substring(sp + 1)));
                } catch (NumberFormatException ignored) {
                    // not a sample
                }
            }
        } catch (IOException e) {
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    /** Sum of every series whose name (before '{') is {@code name} and whose labels contain {@code having}. */
    static double sum(Map<String, Double> m, String name, String having) {
        double s = 0;
        for (var e : m.entrySet()) {
            String k = e.getKey();
            int b = k.indexOf('{');
            String n = b < 0 ? k : k.substring(0, b);
            if (n.equals(name) && k.contains(having)) {
                s += e.getValue();
            }
        }
        return s;
    }

    /** A field of /proc/PID/status in kB or a count ("VmRSS", "Threads"), -1 when the process is gone. */
    static long procStatus(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    static long openFds(long pid) {
        try (var s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return s.count();
        } catch (IOException e) {
            return -1;
        }
    }

    String log(String name) {
        try {
            return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    static boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(250);
        }
        return condition.getAsBoolean();
    }

    static void awaitListening(Process p, int port, String what) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            if (!p.isAlive()) {
                throw new IllegalStateException(what + " exited with " + p.exitValue());
            }
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException(what + " did not listen on " + port);
    }

    /** SIGTERM, then SIGKILL after 20 s; returns the exit code. */
    static int stop(Process p) throws InterruptedException {
        if (p == null) {
            return -1;
        }
        if (p.isAlive()) {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        return p.exitValue();
    }

    /** Sends a signal (STOP, CONT) to one process by its pid. */
    static void signal(Process p, String sig) throws Exception {
        new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid())).inheritIO().start().waitFor();
    }

    @Override
    public void close() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            Process p = started.get(i);
            if (p.isAlive()) {
                signal(p, "CONT"); // a stopped process cannot handle SIGTERM
                stop(p);
            }
        }
    }
}
