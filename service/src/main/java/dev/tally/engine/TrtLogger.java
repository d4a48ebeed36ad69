package dev.tally.engine;

import org.bytedeco.tensorrt.nvinfer.ILogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TensorRT's logger, forwarded to SLF4J (logger {@code dev.tally.engine.tensorrt}). It also remembers the
 * last error and whether the builder reported its per-GPU resource library missing, which is how the
 * JavaCPP redistributable libraries fail to build on x86 GPU hosts.
 */
final class TrtLogger extends ILogger {
    private static final Logger LOG = LoggerFactory.getLogger("dev.tally.engine.tensorrt");

    private volatile String lastError = "";
    private volatile boolean builderResourceMissing;

    @Override
    public void log(Severity severity, String msg) {
        // switch on the numeric value: the enum objects JavaCPP hands to callbacks do not carry the constants'
        // ordinals (seen on an H100 host: every message landed in the first case of an enum switch)
        switch (severity.value) {
            case 0, 1 -> {
                lastError = msg;
                if (msg.contains("builder_resource")) {
                    builderResourceMissing = true;
                }
                LOG.error("{}", msg);
            }
            case 2 -> LOG.warn("{}", msg);
            case 3 -> LOG.info("{}", msg);
            default -> LOG.debug("{}", msg);
        }
    }

    String lastError() {
        return lastError;
    }

    boolean builderResourceMissing() {
        return builderResourceMissing;
    }
}
