package dev.tally.cli;

import dev.tally.TallyException;
import dev.tally.config.ConfigLoader;
import dev.tally.config.ConfigPrinter;
import dev.tally.config.TallyConfig;
import dev.tally.daemon.StartChecks;
import dev.tally.daemon.StateDirComponent;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code tally validate -c FILE}: checks a config without starting anything, as far as {@code tally run} would
 * before starting: the file ({@link ConfigLoader}), then the model and the ports ({@link StartChecks}; the ports not
 * while a tally runs with the same state-dir). Prints the resolved config with secrets masked (itself a valid config)
 * and exits 0, or prints every problem (one line each) and exits 2.
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
        Long running = runningTally(c);
        StartChecks.check(c, running == null);
        PrintWriter out = spec.commandLine().getOut();
        out.print(ConfigPrinter.render(c));
        if (running != null) {
            out.println("# ports not checked: tally (pid " + running + ") runs with this state-dir and holds them");
        }
        out.println("# " + config.file + " is valid: " + c.cameras().size() + " camera(s), model "
                + c.model().type().key + " with " + c.model().numClasses() + " classes");
        out.flush();
        return TallyException.OK;
    }

    /** The pid of a live tally using this config's state-dir, else null. */
    static Long runningTally(TallyConfig c) {
        Long pid = StateDirComponent.readPid(c.stateDir().resolve(StateDirComponent.PID_FILE));
        return pid != null && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? pid : null;
    }
}
