package dev.tally.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Checks on the files and directories a config names; problems go to the binder of the key. */
final class FileChecks {
    private FileChecks() {
    }

    /** True when {@code file} is null (not set) or a readable regular file; otherwise records a problem. */
    static boolean readableFile(Binder b, String key, Path file) {
        if (file == null) {
            return false;
        }
        if (!Files.exists(file)) {
            b.problem(key, "file not found: " + file);
        } else if (!Files.isRegularFile(file)) {
            b.problem(key, "not a regular file: " + file);
        } else if (!Files.isReadable(file)) {
            b.problem(key, "file not readable: " + file);
        } else {
            return true;
        }
        return false;
    }

    /** One label per non-blank line; lines starting with '#' are comments. */
    static List<String> readLabels(Binder b, String key, Path file) {
        List<String> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    out.add(t);
                }
            }
        } catch (IOException | RuntimeException e) {
            b.problem(key, "cannot read " + file + ": " + e.getMessage());
        }
        return out;
    }

    /**
     * The directory exists and is writable, or could be created: its nearest existing ancestor is a writable
     * directory. Nothing is created here.
     */
    static void creatableDir(Binder b, String key, Path dir) {
        Path p = dir.toAbsolutePath();
        if (Files.exists(p)) {
            if (!Files.isDirectory(p)) {
                b.problem(key, "not a directory: " + p);
            } else if (!Files.isWritable(p)) {
                b.problem(key, "directory not writable: " + p);
            }
            return;
        }
        Path parent = p.getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        if (parent == null || !Files.isDirectory(parent)) {
            b.problem(key, "cannot create directory " + p + " (" + parent + " is not a directory)");
        } else if (!Files.isWritable(parent)) {
            b.problem(key, "cannot create directory " + p + " (" + parent + " is not writable)");
        }
    }
}
