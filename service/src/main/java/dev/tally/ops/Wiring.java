package dev.tally.ops;

import dev.tally.config.TallyConfig;
import dev.tally.deepstream.BackendSelector;
import dev.tally.deepstream.DeepStreamBackend;
import dev.tally.deepstream.GstRegistry;
import dev.tally.frame.FrameSink;
import dev.tally.frame.PipelineMonitor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's wiring, in one place: which components run for a config, in start order (stopped in reverse),
 * and who hears about a reloaded config. Disabled features get no component at all.
 *
 * <p>Start order follows the frame's way backwards so nothing produces before its consumer runs:
 * state-dir, then (as they land) publishers, analytics, RTSP output, pipeline, HTTP/health.
 */
public final class Wiring {
    private static final Logger log = LoggerFactory.getLogger(Wiring.class);

    private final List<Consumer<TallyConfig>> reloadListeners = new ArrayList<>();

    /** The components for this config, in start order. */
    public List<Component> build(TallyConfig config) {
        List<Component> out = new ArrayList<>();
        out.add(new StateDirComponent(config.stateDir()));
        // Pipeline: DeepStream where its elements exist (backend = deepstream fails with exit 3 otherwise).
        // TODO(lead): pass the analytics FrameSink and the metrics PipelineMonitor; add PortableBackend for PORTABLE.
        if (BackendSelector.choose(config, new GstRegistry()) == BackendSelector.Choice.DEEPSTREAM) {
            out.add(new DeepStreamBackend(config, FrameSink.NONE, PipelineMonitor.NONE));
        }
        return out;
    }

    /** Registers a listener for configs accepted on SIGHUP (called by build for components that can reload). */
    public void onReload(Consumer<TallyConfig> listener) {
        reloadListeners.add(listener);
    }

    /** Hands a validated new config to every reload listener. */
    public void reload(TallyConfig config) {
        log.info("config reloaded from {} ({} cameras)", config.source(), config.cameras().size());
        for (Consumer<TallyConfig> l : reloadListeners) {
            l.accept(config);
        }
    }
}
