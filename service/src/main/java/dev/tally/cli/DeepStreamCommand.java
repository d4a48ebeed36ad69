package dev.tally.cli;

import dev.tally.TallyException;
import dev.tally.config.ConfigLoader;
import dev.tally.config.TallyConfig;
import dev.tally.deepstream.DeepStreamPlan;
import dev.tally.deepstream.DsVersion;
import dev.tally.gst.GstRegistry;
import dev.tally.gst.PipelinePlan;
import dev.tally.gst.PlanElement;
import dev.tally.gst.PlanLink;
import dev.tally.deepstream.config.DeepStreamFiles;
import dev.tally.deepstream.meta.DsLayout;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tally deepstream layout [--version X]}: the metadata offsets Tally reads for a DeepStream version.
 * {@code tally deepstream plan -c FILE [--version X]}: the pipeline Tally would build, one line per property and link.
 */
@Command(name = "deepstream", mixinStandardHelpOptions = true, description = "DeepStream diagnostics.",
        subcommands = {DeepStreamCommand.Layout.class, DeepStreamCommand.Plan.class})
final class DeepStreamCommand {

    @Command(name = "layout", mixinStandardHelpOptions = true,
            description = {"Prints the NvDsBatchMeta/NvDsFrameMeta/NvDsObjectMeta field offsets Tally reads.",
                    "Without --version, for the installed DeepStream (/opt/nvidia/deepstream/deepstream/version)."})
    static final class Layout implements Callable<Integer> {
        @Option(names = "--version", paramLabel = "X", description = "DeepStream version, e.g. 7.1 or 9.0.")
        String version;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            DsLayout layout = version == null ? DsLayout.installed(DsLayout.VERSION_FILE) : DsLayout.forVersion(version);
            PrintWriter out = spec.commandLine().getOut();
            out.println("# layout " + layout.name() + " (byte offsets, 64-bit)");
            for (Map.Entry<String, Integer> e : new TreeMap<>(layout.offsets()).entrySet()) {
                out.printf("%-40s %4d%n", e.getKey(), e.getValue());
            }
            out.flush();
            return TallyException.OK;
        }
    }

    /** The DeepStream elements a release provides (every Jetson install has them); the rest comes from the registry. */
    static final Set<String> DEEPSTREAM_ELEMENTS = Set.of("nvurisrcbin", "nvstreammux", "nvstreamdemux", "nvinfer",
            "nvtracker", "nvdsanalytics", "nvmultistreamtiler", "nvdsosd", "nvvideoconvert");

    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = {"Prints the DeepStream pipeline Tally builds for a config: one element.property=value line",
                    "per property, then one 'link a -> b' line per link (a:pad / b:pad for request pads).",
                    "For --version X, else pipeline.deepstream-version, else the installed DeepStream. DeepStream's own",
                    "elements are taken as present; the encoder (pipeline.encoder = auto) and the rest are asked of",
                    "this machine's GStreamer registry. USE_NEW_NVSTREAMMUX=yes plans the new nvstreammux."})
    static final class Plan implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Option(names = "--version", paramLabel = "X", description = "DeepStream release, e.g. 7.1 or 9.0.")
        String version;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            TallyConfig c = ConfigLoader.load(config.file);
            DsVersion ds = version != null ? DsVersion.parse(version) : DsVersion.of(c);
            GstRegistry registry = new GstRegistry();
            Predicate<String> has = f -> DEEPSTREAM_ELEMENTS.contains(f) || registry.test(f);
            PipelinePlan plan = DeepStreamPlan.of(c, DeepStreamFiles.runDir(c), ds, has);
            PrintWriter out = spec.commandLine().getOut();
            out.println("# DeepStream " + ds + (DeepStreamPlan.newMuxFromEnvironment() ? " (new nvstreammux)" : "")
                    + ": " + plan.elements().size() + " elements, " + plan.links().size() + " links; probe on "
                    + plan.probeElement());
            print(plan, out);
            out.flush();
            return TallyException.OK;
        }
    }

    /** {@code name.property=value} per property in build order (elements with none: {@code name (factory)}), then links. */
    static void print(PipelinePlan plan, PrintWriter out) {
        for (PlanElement e : plan.elements()) {
            out.println(e.name() + " = " + e.factory());
            e.properties().forEach((k, v) -> out.println(e.name() + "." + k + "=" + v));
        }
        for (PlanLink l : plan.links()) {
            String from = l.fromPad() == null ? l.from() : l.from() + ":" + l.fromPad();
            String to = l.toPad() == null ? l.to() : l.to() + ":" + l.toPad();
            out.println("link " + from + " -> " + to + (l.dynamic() ? " (when its pad appears"
                    + (l.requiredCaps() == null ? "" : ", caps " + l.requiredCaps()) + ")" : ""));
        }
        plan.rtspMounts().forEach((mount, launch) -> out.println("rtsp " + mount + " " + launch));
    }
}
