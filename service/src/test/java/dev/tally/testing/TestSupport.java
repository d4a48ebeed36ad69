package dev.tally.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

/** Where the tests find the repository, and free loopback ports for the servers they start. */
public final class TestSupport {
    private TestSupport() {
    }

    /** The repository root: the {@code tally.repo.root} property (set by surefire) or the parent directory. */
    public static Path repoRoot() {
        return Path.of(System.getProperty("tally.repo.root", "..")).toAbsolutePath().normalize();
    }

    /** A TCP port free on the loopback interface right now. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
