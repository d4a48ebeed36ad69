package dev.tally.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code tally dataset convert}: KITTI to COCO and back. */
@Command(name = "convert", mixinStandardHelpOptions = true, description = "Convert between KITTI and COCO.")
public final class DatasetConvertCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return ExitCodes.FAILURE;
    }
}
