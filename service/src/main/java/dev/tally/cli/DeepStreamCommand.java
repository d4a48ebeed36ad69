package dev.tally.cli;

import dev.tally.TallyException;
import dev.tally.deepstream.meta.DsLayout;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tally deepstream layout [--version X]}: the metadata offsets Tally reads for a DeepStream version. */
@Command(name = "deepstream", mixinStandardHelpOptions = true, description = "DeepStream diagnostics.",
        subcommands = DeepStreamCommand.Layout.class)
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
}
