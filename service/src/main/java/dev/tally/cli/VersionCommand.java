package dev.tally.cli;

import dev.tally.TallyException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code tally version}: Tally's version and the runtime it runs on. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Prints Tally's version.")
final class VersionCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.out.println("tally " + version());
        System.out.println("java " + System.getProperty("java.version") + " (" + System.getProperty("os.arch") + ")");
        return TallyException.OK;
    }

    static String version() {
        return dev.tally.Version.get();
    }

    static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"tally " + version()};
        }
    }
}
