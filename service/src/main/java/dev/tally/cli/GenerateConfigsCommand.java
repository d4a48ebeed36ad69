package dev.tally.cli;

import dev.tally.TallyException;
import dev.tally.config.ConfigLoader;
import dev.tally.config.TallyConfig;
import dev.tally.deepstream.DsVersion;
import dev.tally.deepstream.config.ConfigCheck;
import dev.tally.deepstream.config.DeepStreamFiles;
import dev.tally.deepstream.config.DocumentedKeys;
import dev.tally.deepstream.config.EngineNames;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tally generate-configs -c FILE -o DIR}: writes the DeepStream files for a config (nvinfer, labels,
 * tracker YAML, nvdsanalytics, deepstream-app) into DIR, each checked against DeepStream's documented keys, and
 * links the model into {@code <state-dir>/engines} so the engine nvinfer builds lands where the config expects it.
 */
@Command(name = "generate-configs", mixinStandardHelpOptions = true,
        description = {"Writes DeepStream's config files for a Tally config (usable with deepstream-app -c).",
                "Files refer to each other by absolute paths under DIR; engines go to <state-dir>/engines.",
                "For the DeepStream release given by --version, else pipeline.deepstream-version, else the installed one."})
final class GenerateConfigsCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Directory to write into.")
    Path output;

    @Option(names = "--version", paramLabel = "X", description = "DeepStream release to generate for, e.g. 7.1 or 9.0.")
    String version;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TallyConfig c = ConfigLoader.load(config.file);
        DsVersion ds = version != null ? DsVersion.parse(version) : DsVersion.of(c);
        Map<String, String> files = DeepStreamFiles.write(c, output, ds);
        PrintWriter out = spec.commandLine().getOut();
        try {
            EngineNames.linkModel(c, c.model());
        } catch (IOException e) {
            spec.commandLine().getErr().println("tally: warning: cannot link the model into "
                    + EngineNames.engineDir(c) + " (" + e + "); create it before running deepstream-app");
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            DocumentedKeys.Kind kind = kindOf(f.getKey());
            if (kind != null) {
                ConfigCheck.check(kind, f.getValue(), ds).forEach(p -> problems.add(f.getKey() + ": " + p));
            }
            out.println(output.toAbsolutePath().normalize().resolve(f.getKey()));
        }
        out.flush();
        problems.forEach(spec.commandLine().getErr()::println);
        return problems.isEmpty() ? TallyException.OK : TallyException.FAILURE;
    }

    static DocumentedKeys.Kind kindOf(String name) {
        return switch (name) {
            case DeepStreamFiles.NVINFER -> DocumentedKeys.Kind.NVINFER;
            case DeepStreamFiles.TRACKER -> DocumentedKeys.Kind.TRACKER;
            case DeepStreamFiles.ANALYTICS -> DocumentedKeys.Kind.ANALYTICS;
            case DeepStreamFiles.APP -> DocumentedKeys.Kind.APP;
            default -> null;
        };
    }
}
