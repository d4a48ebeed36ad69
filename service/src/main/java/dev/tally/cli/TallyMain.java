package dev.tally.cli;

import dev.tally.TallyException;
import dev.tally.inference.OnnxDetector;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tally} command line. Each subcommand is a class in this package. */
@Command(name = "tally", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Counts objects in camera streams and publishes the counts to Redis and Prometheus.",
        subcommands = {VersionCommand.class, ValidateCommand.class, RunCommand.class, ReloadCommand.class,
                GenerateConfigsCommand.class, DeepStreamCommand.class, SimulateCommand.class,
                DatasetCommand.class, EvaluateCommand.class, dev.tally.cli.EngineCommand.class, BenchCommand.class,
                TotalsCommand.class, ReplayCommand.class, ScoreCommand.class,
                CommandLine.HelpCommand.class})
public final class TallyMain {

    /**
     * Runs the command on a thread with ONNX Runtime's stack size: the JVM's main thread has 1 MiB, at the edge
     * of what ONNX Runtime's session creation needs (it crashed the JVM with SIGSEGV, exit 139, in tests).
     */
    public static void main(String[] args) throws InterruptedException {
        int[] code = {TallyException.FAILURE};
        Thread cli = new Thread(null, () -> code[0] = execute(args), "tally-main", OnnxDetector.THREAD_STACK_BYTES);
        cli.start();
        cli.join();
        System.exit(code[0]);
    }

    /** Runs the command line and returns the exit code (tests call this instead of main). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new TallyMain());
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof TallyException te) {
                // Config problems are already "file:line: key: message" lines; other errors get a prefix.
                cmd.getErr().println(te.exitCode() == TallyException.BAD_CONFIG ? te.getMessage()
                        : "tally: " + te.getMessage());
                cmd.getErr().flush();
                return te.exitCode();
            }
            cmd.getErr().println("tally: internal error: " + String.valueOf(ex).replace('\n', ' '));
            cmd.getErr().flush();
            return TallyException.FAILURE;
        });
        return cli.execute(args);
    }
}
