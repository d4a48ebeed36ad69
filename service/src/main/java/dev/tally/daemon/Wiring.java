package dev.tally.daemon;

import dev.tally.config.TallyConfig;
import dev.tally.deepstream.BackendSelector;
import dev.tally.deepstream.DeepStreamBackend;
import dev.tally.gst.GstRegistry;
import dev.tally.engine.EngineManager;
import dev.tally.frame.CameraSlots;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's wiring, in one place: which components run for a config, in start order (stopped in reverse),
 * and how a reloaded config reaches them (analytics, status page and pipeline follow the new camera set). Disabled features get no component at all.
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

    private Function<TallyConfig, ReloadReport.Verdict> reloader =
            next -> new ReloadReport.Verdict(ReloadReport.Status.REFUSED, List.of("nothing is running"));

    /** The components for this config, in start order. */
    public List<Component> build(TallyConfig config) {
        List<Component> out = new ArrayList<>();
        out.add(new StateDirComponent(config.stateDir()));

        AtomicReference<PipelineBackend> backend = new AtomicReference<>(PipelineBackend.NONE);
        CountsWiring counts = new CountsWiring(config, () -> backend.get().playing());
        bindProcessMetrics(counts);
        out.addAll(counts.beforePipeline());

        if (BackendSelector.choose(config, new GstRegistry()) == BackendSelector.Choice.DEEPSTREAM) {
            out.add(new EngineComponent(config, EngineManager.standard()));
            backend.set(new DeepStreamBackend(config, counts.frameSink(), counts.monitor()));
        } else {
            // ONNX detector batched over the cameras, one SORT tracker per camera, overlay; closes the detector on stop.
            PortableBackend portable = PortableBackend.create(config, counts.frameSink(), counts.monitor());
            counts.snapshots(portable);
            backend.set(portable);
        }
        PortableBackend portable = backend.get() instanceof PortableBackend p ? p : null;
        TallyConfig[] live = {config};
        CameraSlots[] slots = {ReloadGuard.slotsOf(config)};
        reloader = next -> {
            ReloadGuard.Plan plan = ReloadGuard.plan(live[0], next, slots[0], portable == null);
            if (!plan.applies()) {
                return new ReloadReport.Verdict(ReloadReport.Status.REFUSED, plan.refused());
            }
            if (plan.camerasChanged() && !portable.reconfigure(next, plan.slots(), () -> {
                    int[] index = next.cameras().stream().mapToInt(c -> plan.slots().index(c.id())).toArray();
                    counts.analytics.reconfigure(next.cameras(), index, plan.restarted(), next.analytics());
                    counts.cameraStates.configured(next.cameras());
                })) {
                return new ReloadReport.Verdict(ReloadReport.Status.REFUSED,
                        List.of("camera changes (the pipeline is starting or stopping)"));
            }
            live[0] = next;
            slots[0] = plan.slots();
            return new ReloadReport.Verdict(ReloadReport.Status.APPLIED, plan.changes());
        };
        out.add(backend.get());
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

    /**
     * Applies a validated new config as far as it can change live (see {@link ReloadGuard}): all of it, or, when
     * anything in it needs a restart, nothing. Reloads run one at a time. Returns the verdict (also logged).
     */
    public synchronized ReloadReport.Verdict reload(TallyConfig config) {
        ReloadReport.Verdict v = reloader.apply(config);
        if (v.status() == ReloadReport.Status.APPLIED) {
            log.info("config reloaded from {} ({} cameras): {}", config.source(), config.cameras().size(),
                    v.lines().isEmpty() ? "no camera changes" : String.join("; ", v.lines()));
        } else {
            log.warn("reload: not applied while running ({}); restart Tally to apply it",
                    String.join(", ", v.lines()));
        }
        return v;
    }
}
