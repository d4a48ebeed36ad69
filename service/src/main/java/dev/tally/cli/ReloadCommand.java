package dev.tally.cli;

import dev.tally.TallyException;
import dev.tally.config.ConfigLoader;
import dev.tally.config.TallyConfig;
import dev.tally.daemon.StateDirComponent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code tally reload -c FILE}: validates the config, then sends SIGHUP to the daemon whose pid is in
 * {@code state-dir/tally.pid}. An invalid config is reported here (exit 2) and no signal is sent.
 */
@Command(name = "reload", mixinStandardHelpOptions = true,
        description = "Validates the config, then asks the running daemon (state-dir/tally.pid) to reload it.")
final class ReloadCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        TallyConfig c = ConfigLoader.load(config.file);
        Path pidFile = c.stateDir().resolve(StateDirComponent.PID_FILE);
        Long pid = StateDirComponent.readPid(pidFile);
        if (pid == null || ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
            throw TallyException.failure("no running tally (no live pid in " + pidFile + ")");
        }
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(pid)).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw TallyException.failure("could not signal pid " + pid);
        }
        spec.commandLine().getOut().println("sent SIGHUP to tally (pid " + pid + ")");
        return TallyException.OK;
    }
}
