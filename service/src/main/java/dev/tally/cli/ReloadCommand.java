package dev.tally.cli;

import dev.tally.TallyException;
import dev.tally.config.ConfigLoader;
import dev.tally.config.TallyConfig;
import dev.tally.daemon.ReloadReport;
import dev.tally.daemon.StateDirComponent;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code tally reload -c FILE}: validates the config, asks the daemon whose pid is in {@code state-dir/tally.pid}
 * to reload it (a request file in {@code state-dir/reload/}, then SIGHUP; see {@link ReloadReport}) and waits for
 * its verdict: prints each change applied, or each setting that cannot change while Tally runs. Exit 0 applied,
 * 4 refused (nothing applied; restart to apply it), 2 invalid config (nothing sent, or the daemon could not read
 * it), 1 no daemon, no answer within {@link #WAIT}, or the state dir cannot be written.
 */
@Command(name = "reload", mixinStandardHelpOptions = true,
        description = {"Validates the config, asks the running daemon (state-dir/tally.pid) to reload it and "
                + "prints its verdict.",
                "Exit codes: 0 applied, 1 no daemon or no answer, 2 bad config, 4 refused (needs a restart)."})
final class ReloadCommand implements Callable<Integer> {
    static final Duration WAIT = Duration.ofSeconds(60);

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
        String token;
        try {
            token = ReloadReport.request(c.stateDir());
        } catch (IOException e) {
            throw TallyException.failure("cannot ask tally for a reload: state-dir "
                    + c.stateDir() + " not writable (" + e.getMessage() + "); nothing sent");
        }
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(pid)).inheritIO().start();
        if (kill.waitFor() != 0) {
            ReloadReport.withdraw(c.stateDir(), token);
            throw TallyException.failure("could not signal pid " + pid);
        }
        ReloadReport.Verdict v = ReloadReport.await(c.stateDir(), token, WAIT,
                () -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        if (v == null) {
            throw TallyException.failure("sent SIGHUP to tally (pid " + pid + ") but got no verdict "
                    + "within " + WAIT.toSeconds() + " s; see its log");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        switch (v.status()) {
            case APPLIED -> {
                out.println("reloaded (pid " + pid + ")" + (v.lines().isEmpty() ? ": no camera changes" : ":"));
                v.lines().forEach(l -> out.println("  " + l));
                out.flush();
                return TallyException.OK;
            }
            case REFUSED -> {
                err.println("not applied: " + String.join(", ", v.lines()) + " cannot change while tally runs; "
                        + "nothing was changed (restart tally to apply the config)");
                err.flush();
                return ReloadReport.REFUSED_EXIT;
            }
            default -> {
                v.lines().forEach(err::println);
                err.flush();
                return TallyException.BAD_CONFIG;
            }
        }
    }
}
