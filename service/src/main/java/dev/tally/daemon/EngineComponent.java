package dev.tally.daemon;

import dev.tally.config.TallyConfig;
import dev.tally.engine.EngineManager;
import dev.tally.lifecycle.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before the DeepStream pipeline starts: reuses the cached TensorRT engine or builds it (JavaCPP, else trtexec),
 * or leaves the build to nvinfer at first start — and says which in one line. A build can take minutes on an
 * Orin Nano (the systemd unit's TimeoutStartSec allows for it). SIGTERM during the build interrupts it: the
 * trtexec process is stopped and its unfinished engine deleted (a JavaCPP build finishes first; it cannot be
 * interrupted inside TensorRT). Nothing to stop.
 */
final class EngineComponent implements Component {
    private static final Logger LOG = LoggerFactory.getLogger(EngineComponent.class);
    private final TallyConfig config;
    private final EngineManager manager;

    EngineComponent(TallyConfig config, EngineManager manager) {
        this.config = config;
        this.manager = manager;
    }

    @Override
    public String name() {
        return "tensorrt-engine";
    }

    @Override
    public void start() {
        EngineManager.Result r = manager.ensureEngine(config);
        LOG.info("engine: {}", r.message());
    }

    @Override
    public boolean interruptibleStart() {
        return true;
    }

    @Override
    public void stop() {
        // nothing runs after start
    }
}
