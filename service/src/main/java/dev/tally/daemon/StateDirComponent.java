package dev.tally.daemon;

import dev.tally.TallyException;
import dev.tally.lifecycle.Component;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns {@code state-dir}: creates it, refuses to start if another live daemon's pid is in {@code tally.pid},
 * writes this process's pid there (read by {@code tally reload}) and removes the pid file on stop.
 */
public final class StateDirComponent implements Component {
    public static final String PID_FILE = "tally.pid";
    private static final Logger log = LoggerFactory.getLogger(StateDirComponent.class);

    private final Path dir;
    private volatile boolean written;

    public StateDirComponent(Path dir) {
        this.dir = dir;
    }

    @Override
    public String name() {
        return "state-dir";
    }

    @Override
    public void start() {
        Path pidFile = dir.resolve(PID_FILE);
        try {
            Files.createDirectories(dir);
            Long other = readPid(pidFile);
            if (other != null && other != ProcessHandle.current().pid()
                    && ProcessHandle.of(other).map(ProcessHandle::isAlive).orElse(false)) {
                throw TallyException.failure("another tally (pid " + other + ") uses state-dir " + dir);
            }
            Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
            written = true;
        } catch (IOException e) {
            throw TallyException.badConfig("state-dir " + dir + ": cannot write: " + e.getMessage());
        }
        log.info("state-dir {} (pid file {})", dir, pidFile.getFileName());
    }

    @Override
    public void stop() {
        if (written) {
            written = false;
            try {
                Files.deleteIfExists(dir.resolve(PID_FILE));
            } catch (IOException e) {
                log.warn("cannot remove {}: {}", dir.resolve(PID_FILE), e.getMessage());
            }
        }
    }

    /** The pid in the pid file, or null if there is none or it is unreadable. */
    public static Long readPid(Path pidFile) {
        try {
            return Long.parseLong(Files.readString(pidFile).trim());
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }
}
