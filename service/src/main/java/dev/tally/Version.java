package dev.tally;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Tally's version, from the build (dev/tally/version.properties, filtered by Maven). */
public final class Version {
    private static final String VERSION = read();

    private Version() {
    }

    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = Version.class.getResourceAsStream("/dev/tally/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
