package dev.tally.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the trtexec tool: on PATH, else where JetPack installs it (not on PATH by default). */
public final class Trtexec {
    /** JetPack's location of trtexec. */
    public static final Path JETPACK_LOCATION = Path.of("/usr/src/tensorrt/bin/trtexec");

    private Trtexec() {
    }

    /** trtexec on this machine's PATH or at JetPack's location; null when absent. */
    public static Path find() {
        return find(System.getenv("PATH"), List.of(JETPACK_LOCATION));
    }

    /** trtexec in one of the {@code pathVariable} directories or {@code extra} locations; null when absent. */
    public static Path find(String pathVariable, List<Path> extra) {
        if (pathVariable != null) {
            for (String dir : pathVariable.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    Path p = Path.of(dir, "trtexec");
                    if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                        return p;
                    }
                }
            }
        }
        for (Path p : extra) {
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
