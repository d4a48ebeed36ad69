package dev.tally.engine;

/**
 * A failed engine operation, with whether another build path may still succeed ({@link Kind#RUNTIME}: the
 * bindings loaded but the builder lacks resources or CUDA is unusable) or the inputs are at fault
 * ({@link Kind#INPUT}: the ONNX does not parse, the calibration cache is unreadable), or the build was
 * interrupted by a stop request ({@link Kind#INTERRUPTED}).
 */
public final class EngineException extends RuntimeException {
    public enum Kind { RUNTIME, INPUT, INTERRUPTED }

    private final Kind kind;

    public EngineException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
