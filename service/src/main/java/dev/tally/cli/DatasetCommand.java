package dev.tally.cli;

import picocli.CommandLine.Command;

/** {@code tally dataset}: export synthetic datasets, convert KITTI and COCO, validate. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Export, convert and validate labelled image datasets (KITTI, COCO).",
        subcommands = {DatasetExportCommand.class, DatasetConvertCommand.class, DatasetValidateCommand.class})
public final class DatasetCommand {
}
