package dev.tally.daemon;

import dev.tally.config.TallyConfig;
import dev.tally.deepstream.BackendSelector;
import dev.tally.deepstream.DeepStreamBackend;
import dev.tally.gst.GstRegistry;
import dev.tally.engine.EngineManager;
import dev.tally.lifecycle.Component;
import dev.tally.lifecycle.PipelineBackend;
import dev.tally.portable.PortableBackend;
import dev.tally.systemd.NotifyComponent;
import dev.tally.systemd.SystemdNotifier;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's wiring, in one place: which components run for a config, in start order (stopped in reverse),
 * and who hears about a reloaded config. Disabled features get no component at all.
 *
 * <pre>
 *   state-dir ─► redis publisher ─► analytics ─► pipeline backend ─► HTTP (/metrics /healthz /readyz) ─► systemd READY
 *                      ▲               ▲ FrameSink       │ (DeepStream | portable)
 *                      └── snapshots ──┘◄────────────────┘ FrameResults, PipelineMonitor ─► metrics + watchdog
 * </pre>
 *
 * Start order follows the frame's way backwards, so nothing produces before its consumer runs; stopping in
 * reverse stops the pipeline (EOS) before analytics delivers its final counts and the publisher flushes them.
 */
public final class Wiring {
    private static final Logger log = LoggerFactory.getLogger(Wiring.class);

    private final List<Consumer<TallyConfig>> reloadListeners = new ArrayList<>();

    /** The components for this config, in start order. */
    public List<Component> build(TallyConfig config) {
        List<Component> out = new ArrayList<>();
        out.add(new StateDirComponent(config.stateDir()));

        PipelineBackend[] backend = new PipelineBackend[1];
        CountsWiring counts = new CountsWiring(config, () -> backend[0] != null && backend[0].playing());
        bindProcessMetrics(counts);
        out.addAll(counts.beforePipeline());

        if (BackendSelector.choose(config, new GstRegistry()) == BackendSelector.Choice.DEEPSTREAM) {
            out.add(new EngineComponent(config, EngineManager.standard()));
            backend[0] = new DeepStreamBackend(config, counts.frameSink(), counts.monitor());
        } else {
            // ONNX detector batched over the cameras, one SORT tracker per camera, overlay; closes the detector on stop.
            PortableBackend portable = PortableBackend.create(config, counts.frameSink(), counts.monitor());
            TallyConfig[] live = {config};
            onReload(next -> {
                List<String> blockers = ReloadGuard.blockers(live[0], next);
                if (!blockers.isEmpty()) {
                    log.warn("reload: not applied while running ({}); restart Tally to apply it",
                            String.join(", ", blockers));
                    return;
                }
                portable.reconfigure(next);
                live[0] = next;
            });
            counts.snapshots(portable);
            backend[0] = portable;
        }
        out.add(backend[0]);
        out.addAll(counts.afterPipeline());
        out.add(new NotifyComponent(SystemdNotifier.create(counts.metrics::framesProcessed)));
        return out;
    }

    /** Process and JVM series (process_start_time_seconds feeds the TallyDaemonRestarted alert). */
    private static void bindProcessMetrics(CountsWiring counts) {
        var registry = counts.metrics.registry();
        new UptimeMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
    }

    /** Registers a listener for configs accepted on SIGHUP. */
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
