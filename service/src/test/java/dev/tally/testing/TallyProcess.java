package dev.tally.testing;

import dev.tally.cli.TallyMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@code tally} command run as a real child JVM on the test classpath, logging as it does when installed
 * (the shared harness of the tests that start the daemon). Its stdout and stderr go to files in
 * {@code dir} (no pipes to drain, nothing lost when it exits).
 */
public final class TallyProcess implements AutoCloseable {
    public final Process process;
    private final Path outFile;
    private final Path errFile;

    public TallyProcess(Path dir, Map<String, String> env, String... args) throws IOException {
        // the signals tests send act as under systemd even if this build was started with them ignored (nohup
        // ignores SIGHUP, and the JVM keeps an inherited ignored signal ignored; the daemon warns about that)
        this(dir, env, List.of("env", "--default-signal=HUP,INT,TERM"), args);
    }

    /** As above, with {@code launcher} (a command that execs the rest) in front of the JVM instead. */
    public TallyProcess(Path dir, Map<String, String> env, List<String> launcher, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(launcher);
        // The shipped logging setup, not the tests' logback-test.xml that is also on this classpath.
        cmd.addAll(command(List.of("-XX:TieredStopAtLevel=1", "-Dlogback.configurationFile=logback.xml"),
                System.getProperty("java.class.path"), args));
        outFile = Files.createTempFile(dir, "tally-out", ".log");
        errFile = Files.createTempFile(dir, "tally-err", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(outFile.toFile()).redirectError(errFile.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("TALLY_"));
        pb.environment().putAll(env);
        process = pb.start();
    }

    /**
     * The command line of {@code tally args} in a child JVM of this test run: this JVM's java, {@code jvmOptions},
     * {@code classPath} (the test class path, or {@link #mainClassPath()}), then the CLI's main class. Every test
     * that starts tally in its own JVM builds its command here.
     */
    public static List<String> command(List<String> jvmOptions, String classPath, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", classPath, TallyMain.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** The test JVM's class path without the test classes (their logback-test.xml is not the daemon's). */
    public static String mainClassPath() {
        StringBuilder b = new StringBuilder();
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!e.endsWith("test-classes") && !e.endsWith("test-classes/")) {
                b.append(b.length() == 0 ? "" : java.io.File.pathSeparator).append(e);
            }
        }
        return b.toString();
    }

    /** Polls (at most timeoutMs) until some stderr line contains text; true if one did. */
    public boolean awaitErr(String text, long timeoutMs) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMs;
        while (true) {
            boolean alive = process.isAlive();
            if (err().stream().anyMatch(l -> l.contains(text))) {
                return true;
            }
            if (!alive || System.currentTimeMillis() > end) {
                return false;
            }
            Thread.sleep(50);
        }
    }

    /** Waits for exit and returns the exit code. */
    public int exit(long timeoutS) throws InterruptedException {
        if (!process.waitFor(timeoutS, TimeUnit.SECONDS)) {
            throw new AssertionError("tally did not exit within " + timeoutS + " s; stderr: " + err());
        }
        return process.exitValue();
    }

    public List<String> err() {
        return lines(errFile);
    }

    public List<String> out() {
        return lines(outFile);
    }

    private static List<String> lines(Path f) {
        try {
            return Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, then the exit code (fails if it does not exit within timeoutS). */
    public int terminate(long timeoutS) throws InterruptedException {
        process.destroy();
        return exit(timeoutS);
    }

    /** Stops the process if it still runs: SIGTERM, then SIGKILL after 15 s. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
