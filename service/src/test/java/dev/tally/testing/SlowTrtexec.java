package dev.tally.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A stand-in {@code trtexec} (a shell script, really run as a process) whose build never finishes: it answers
 * {@code --help} with a TensorRT banner, then writes a partial engine, records its own pid and that of a
 * {@code sleep} child, and waits. Tests interrupt the build and check both processes are gone and no engine is
 * left behind.
 */
public final class SlowTrtexec {
    public final Path script;
    private final Path pidFile;
    private final Path childFile;

    public SlowTrtexec(Path dir) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("slow-bin"));
        script = bin.resolve("trtexec");
        pidFile = dir.resolve("trtexec.pid");
        childFile = dir.resolve("trtexec-child.pid");
        Files.writeString(script, """
                #!/bin/sh
                echo "&&&& RUNNING TensorRT.trtexec [TensorRT v100300] # trtexec $*"
                [ "$1" = "--help" ] && exit 0
                for a in "$@"; do case "$a" in --saveEngine=*) echo partial > "${a#--saveEngine=}";; esac; done
                sleep 300 &
                echo $! > %s
                echo $$ > %s
                echo "[I] building, this takes a while"
                wait
                """.formatted(childFile, pidFile));
        if (!script.toFile().setExecutable(true)) {
            throw new IOException("cannot make " + script + " executable");
        }
    }

    /** The directory to put first on PATH. */
    public Path binDir() {
        return script.getParent();
    }

    /** Waits until the build runs; returns {trtexec pid, its child's pid}. */
    public long[] awaitRunning(Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (Files.exists(pidFile) && Files.exists(childFile)) {
                String p = Files.readString(pidFile).trim();
                String c = Files.readString(childFile).trim();
                if (!p.isEmpty() && !c.isEmpty()) {
                    return new long[] {Long.parseLong(p), Long.parseLong(c)};
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the stand-in trtexec did not start within " + timeout);
    }

    /** Whether the process is gone (or a zombie waiting for a parent that does not reap it). */
    public static boolean gone(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }

    /** Polls {@link #gone} for up to {@code timeout}. */
    public static boolean awaitGone(long pid, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!gone(pid)) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }
}
