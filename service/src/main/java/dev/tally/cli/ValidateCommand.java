package dev.tally.cli;

import dev.tally.TallyException;
import dev.tally.config.ConfigLoader;
import dev.tally.config.ConfigPrinter;
import dev.tally.config.TallyConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code tally validate -c FILE}: checks a config without starting anything. Prints the resolved config with
 * secrets masked and exits 0, or prints every problem (one line each) and exits 2.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks a config without starting anything.",
                "Prints the resolved config (secrets masked) and exits 0, or lists every problem and exits 2."})
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TallyConfig c = ConfigLoader.load(config.file);
        PrintWriter out = spec.commandLine().getOut();
        out.print(ConfigPrinter.render(c));
        out.println("# " + config.file + " is valid: " + c.cameras().size() + " camera(s), model "
                + c.model().type().key + " with " + c.model().numClasses() + " classes");
        out.flush();
        return TallyException.OK;
    }
}
