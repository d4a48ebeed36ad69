package dev.tally.deepstream;

import dev.tally.TallyException;
import dev.tally.config.CameraConfig;
import dev.tally.config.PipelineConfig.Backend;
import dev.tally.config.TallyConfig;
import dev.tally.deepstream.config.DeepStreamFiles;
import dev.tally.gst.ElementCheck;
import dev.tally.gst.PipelinePlan;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which backend runs a config, from {@code pipeline.backend} and what the element registry has:
 * {@code deepstream} requires every element of the DeepStream plan and fails with exit code 3 naming the missing
 * ones; {@code auto} takes DeepStream when everything is there (and no camera is sim://) and otherwise falls back
 * to the portable backend with a warning; {@code portable} is taken as is.
 */
public final class BackendSelector {
    private static final Logger LOG = LoggerFactory.getLogger(BackendSelector.class);

    public enum Choice { DEEPSTREAM, PORTABLE }

    private BackendSelector() {
    }

    public static Choice choose(TallyConfig cfg, Predicate<String> hasElement) {
        Backend wanted = cfg.pipeline().backend();
        if (wanted == Backend.PORTABLE) {
            return Choice.PORTABLE;
        }
        List<String> sim = cfg.cameras().stream().filter(c -> c.kind() == CameraConfig.SourceKind.SIM)
                .map(CameraConfig::id).toList();
        if (!sim.isEmpty()) {
            if (wanted == Backend.DEEPSTREAM) {
                throw TallyException.badConfig("pipeline.backend = deepstream cannot read sim:// "
                        + "cameras (" + String.join(", ", sim) + "); use backend = portable or auto");
            }
            LOG.warn("pipeline.backend = auto: using the portable backend because cameras {} are sim://", sim);
            return Choice.PORTABLE;
        }
        DsVersion version = null;
        TallyException noVersion = null;
        try {
            version = DsVersion.of(cfg);
        } catch (TallyException e) {
            noVersion = e;
        }
        // Which elements the plan needs hardly depends on the release: without one, list them for the oldest.
        PipelinePlan plan = DeepStreamPlan.of(cfg, DeepStreamFiles.runDir(cfg),
                version == null ? DsVersion.OLDEST : version, hasElement);
        List<String> missing = ElementCheck.missing(plan, hasElement);
        if (missing.isEmpty() && noVersion == null) {
            return Choice.DEEPSTREAM;
        }
        if (missing.isEmpty()) {
            if (wanted == Backend.DEEPSTREAM) {
                throw noVersion;
            }
            LOG.warn("pipeline.backend = auto: {}; using the portable backend", noVersion.getMessage());
            return Choice.PORTABLE;
        }
        if (wanted == Backend.DEEPSTREAM) {
            throw TallyException.missingDependency("pipeline.backend = deepstream but GStreamer "
                    + "elements are missing: " + String.join(", ", missing)
                    + "; install DeepStream or set pipeline.backend = portable");
        }
        LOG.warn("pipeline.backend = auto: DeepStream elements missing ({}); using the portable backend",
                String.join(", ", missing.stream().map(m -> m.substring(0, m.indexOf(' '))).toList()));
        return Choice.PORTABLE;
    }
}
