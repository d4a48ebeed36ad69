package dev.tally;

/**
 * An error meant for the operator: its message is one line that names the file, key or camera at fault, and
 * it carries the process exit code. The CLI prints the message (never a stack trace) and exits with the code.
 */
public class TallyException extends RuntimeException {
    private final int exitCode;

    public TallyException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public TallyException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
