package dev.tally.cli;

/** Process exit codes of every tally command (documented in README.md and docs/cli.md). */
public final class ExitCodes {
    /** Clean exit (including a graceful stop on SIGTERM/SIGINT). */
    public static final int OK = 0;
    /** Anything else went wrong. */
    public static final int FAILURE = 1;
    /** The configuration (or a file it names) is invalid. */
    public static final int BAD_CONFIG = 2;
    /** A runtime dependency is missing: GStreamer plugin, DeepStream element, TensorRT library. */
    public static final int MISSING_DEPENDENCY = 3;

    private ExitCodes() {
    }
}
