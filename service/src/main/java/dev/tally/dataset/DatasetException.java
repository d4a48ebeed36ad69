package dev.tally.dataset;

/** A dataset that cannot be read or written; the message names the file (and line) at fault. */
public class DatasetException extends RuntimeException {
    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
