package dev.tally.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code tally dataset validate}: reports dataset problems. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Validate a KITTI dataset.")
public final class DatasetValidateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return ExitCodes.FAILURE;
    }
}
