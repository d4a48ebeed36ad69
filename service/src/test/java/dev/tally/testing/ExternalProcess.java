package dev.tally.testing;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real server process started by a test on a free loopback port (redis-server, prometheus): the one harness
 * for them. {@link #start()} returns once the port accepts connections; close() stops it (SIGTERM, then SIGKILL).
 */
public final class ExternalProcess implements AutoCloseable {
    private final List<String> command;
    private final Path log;
    public final int port;
    private Process process;

    public ExternalProcess(List<String> command, int port, Path log) {
        this.command = command;
        this.port = port;
        this.log = log;
    }

    public ExternalProcess start() throws IOException, InterruptedException {
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(command.get(0) + " exited: see " + log);
            }
            try (Socket s = new Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
                return this;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException(command.get(0) + " did not listen on " + port);
    }

    /** The running process (to signal it, or to stop it the way a test needs). */
    public Process process() {
        return process;
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    public void waitExit() throws InterruptedException {
        if (process != null && !process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** redis-server without persistence of its own (the test saves explicitly with SHUTDOWN SAVE). */
    public static ExternalProcess redis(Path dir, int port) {
        return new ExternalProcess(List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--dbfilename", "dump.rdb"), port,
                dir.resolve("redis.log"));
    }

    /** redis-server with an fsync-always append-only file in {@code dir}, so a restart keeps what it confirmed. */
    public static ExternalProcess redisAppendOnly(Path dir, int port, Path log) {
        return new ExternalProcess(List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--dir", dir.toString()), port, log);
    }
}
