package dev.tally;

/**
 * An error meant for the operator: its message is one line that names the file, key or camera at fault, and
 * it carries the process exit code. The CLI prints the message (never a stack trace) and exits with the code.
 *
 * <p>Made through the factory named after the exit code ({@link #badConfig}, {@link #missingDependency},
 * {@link #failure}); the constants are the process exit codes of every tally command (README.md, docs/cli.md).
 */
public class TallyException extends RuntimeException {
    /** Clean exit (including a graceful stop on SIGTERM/SIGINT). */
    public static final int OK = 0;
    /** Anything else went wrong. */
    public static final int FAILURE = 1;
    /** The configuration (or a file it names) is invalid. */
    public static final int BAD_CONFIG = 2;
    /** A runtime dependency is missing: GStreamer plugin, DeepStream element, TensorRT library. */
    public static final int MISSING_DEPENDENCY = 3;

    private final int exitCode;

    protected TallyException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    protected TallyException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The configuration, or a file or argument it names, is invalid: exit code {@value #BAD_CONFIG}. */
    public static TallyException badConfig(String message) {
        return new TallyException(BAD_CONFIG, message);
    }

    public static TallyException badConfig(String message, Throwable cause) {
        return new TallyException(BAD_CONFIG, message, cause);
    }

    /** A GStreamer plugin, DeepStream element or native library is missing: exit code {@value #MISSING_DEPENDENCY}. */
    public static TallyException missingDependency(String message) {
        return new TallyException(MISSING_DEPENDENCY, message);
    }

    public static TallyException missingDependency(String message, Throwable cause) {
        return new TallyException(MISSING_DEPENDENCY, message, cause);
    }

    /** Anything else that stops the command: exit code {@value #FAILURE}. */
    public static TallyException failure(String message) {
        return new TallyException(FAILURE, message);
    }

    public static TallyException failure(String message, Throwable cause) {
        return new TallyException(FAILURE, message, cause);
    }

    public int exitCode() {
        return exitCode;
    }
}
