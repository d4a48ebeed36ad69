package dev.tally.cli;

import dev.tally.TallyException;
import dev.tally.config.ConfigLoader;
import dev.tally.config.TallyConfig;
import dev.tally.daemon.Daemon;
import dev.tally.daemon.LogLevel;
import dev.tally.daemon.StartChecks;
import dev.tally.daemon.Wiring;
import dev.tally.daemon.ReloadReport;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code tally run -c FILE}: validates the config, starts the daemon's components (see {@link Wiring}) and runs
 * until SIGTERM/SIGINT. SIGHUP re-reads and re-validates the file and applies what can change live (an invalid
 * file, or one that changes something needing a restart, is logged and changes nothing); the verdict goes to
 * the log and to every waiting {@code tally reload} ({@link ReloadReport}).
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
        StartChecks.check(c, true); // the model and the ports, before anything starts (exit 2, one line each)
        LogLevel.apply(c.logLevel());
        log.info("tally {} starting: config {}, site {}, {} camera(s)", VersionCommand.version(), c.source(),
                c.site(), c.cameras().size());
        Wiring wiring = new Wiring();
        Daemon daemon = new Daemon(wiring.build(c), () -> reload(wiring, c.stateDir()));
        return daemon.run();
    }

    /** One reload at a time: take the pending {@code tally reload} requests, read the config, answer them. */
    private synchronized void reload(Wiring wiring, java.nio.file.Path stateDir) {
        java.util.List<String> tokens = ReloadReport.pending(stateDir);
        ReloadReport.Verdict verdict;
        try {
            TallyConfig next = ConfigLoader.load(config.file);
            verdict = wiring.reload(next);
            if (verdict.status() == ReloadReport.Status.APPLIED) {
                LogLevel.apply(next.logLevel());
            }
        } catch (TallyException e) {
            String[] lines = e.getMessage().split("\\R");
            log.warn("config reload rejected, keeping the running config: {}{}", lines[0],
                    lines.length > 1 ? " (and " + (lines.length - 1) + " more problems)" : "");
            verdict = new ReloadReport.Verdict(ReloadReport.Status.INVALID, java.util.List.of(lines));
        } catch (RuntimeException e) {
            log.error("config reload failed: {}", e.toString());
            verdict = new ReloadReport.Verdict(ReloadReport.Status.INVALID, java.util.List.of(e.toString()));
        }
        if (!tokens.isEmpty()) {
            try {
                ReloadReport.answer(stateDir, tokens, verdict);
            } catch (java.io.IOException e) {
                log.warn("cannot write the reload result to {}: {}", stateDir.resolve(ReloadReport.DIR), e.toString());
            }
        }
    }
}
