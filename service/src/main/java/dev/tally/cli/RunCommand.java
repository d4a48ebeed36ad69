package dev.tally.cli;

import dev.tally.TallyException;
import dev.tally.config.ConfigLoader;
import dev.tally.config.TallyConfig;
import dev.tally.daemon.Daemon;
import dev.tally.daemon.LogLevel;
import dev.tally.daemon.Wiring;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code tally run -c FILE}: validates the config, starts the daemon's components (see {@link Wiring}) and runs
 * until SIGTERM/SIGINT. SIGHUP re-reads and re-validates the file; an invalid file is logged and ignored.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the daemon until SIGTERM or SIGINT; SIGHUP reloads the config.",
                "Exit codes: 0 clean stop, 1 other failure, 2 bad config, 3 missing runtime dependency."})
final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
        TallyConfig c = ConfigLoader.load(config.file);
        LogLevel.apply(c.logLevel());
        log.info("tally {} starting: config {}, site {}, {} camera(s)", VersionCommand.version(), c.source(),
                c.site(), c.cameras().size());
        Wiring wiring = new Wiring();
        Daemon daemon = new Daemon(wiring.build(c), () -> reload(wiring));
        return daemon.run();
    }

    private void reload(Wiring wiring) {
        TallyConfig next;
        try {
            next = ConfigLoader.load(config.file);
        } catch (TallyException e) {
            String[] lines = e.getMessage().split("\\R");
            log.warn("config reload rejected, keeping the running config: {}{}", lines[0],
                    lines.length > 1 ? " (and " + (lines.length - 1) + " more problems)" : "");
            return;
        }
        LogLevel.apply(next.logLevel());
        wiring.reload(next);
    }
}
