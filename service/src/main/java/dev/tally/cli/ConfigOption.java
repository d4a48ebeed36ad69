package dev.tally.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code -c FILE} option shared by commands that read a deployment config. */
final class ConfigOption {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "The deployment config (HOCON), layered over the built-in reference.conf.")
    Path file;
}
