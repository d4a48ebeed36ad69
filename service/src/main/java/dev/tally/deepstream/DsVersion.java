package dev.tally.deepstream;

import dev.tally.TallyException;
import dev.tally.config.TallyConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DeepStream release Tally generates for: read from the installed version file
 * ({@code /opt/nvidia/deepstream/deepstream/version}, "Version: 7.1"), or given by {@code pipeline.deepstream-version}
 * (or {@code --version}) when generating on another machine. Supported: 6.2 to 9.x; the features that differ
 * between those releases are asked of this class, never guessed.
 */
public record DsVersion(int major, int minor) implements Comparable<DsVersion> {
    public static final Path VERSION_FILE = Path.of("/opt/nvidia/deepstream/deepstream/version");
    public static final DsVersion OLDEST = new DsVersion(6, 2);
    public static final int NEWEST_MAJOR = 9;
    private static final Pattern NUMBER = Pattern.compile("(\\d+)\\.(\\d+)");

    /** "7.1", "7.1.0", "9.0" (also "Version: 7.1" as the version file writes it); exit 3 when unsupported. */
    public static DsVersion parse(String text) {
        Matcher m = NUMBER.matcher(text == null ? "" : text);
        if (!m.find()) {
            throw TallyException.badConfig("DeepStream version '" + text + "' is not a version"
                    + " (expected e.g. 7.1 or 9.0)");
        }
        DsVersion v = new DsVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        if (v.compareTo(OLDEST) < 0 || v.major > NEWEST_MAJOR) {
            throw TallyException.missingDependency("DeepStream version '" + text.strip()
                    + "' is not supported (Tally generates for DeepStream 6.2 to 9.x); "
                    + "use backend = portable or a supported DeepStream");
        }
        return v;
    }

    /** The installed release, from {@code file}; exit 3 when DeepStream is not installed there. */
    public static DsVersion installed(Path file) {
        if (!Files.exists(file)) {
            throw TallyException.missingDependency("DeepStream is not installed here (" + file
                    + " does not exist); set pipeline.deepstream-version (or --version) to generate for another machine");
        }
        try {
            String text = Files.readString(file);
            Matcher m = Pattern.compile("(?i)version:?\\s*([0-9][0-9.]*)").matcher(text);
            return parse(m.find() ? m.group(1) : text);
        } catch (IOException e) {
            throw TallyException.missingDependency("cannot read DeepStream version from " + file
                    + ": " + e.getMessage());
        }
    }

    /** {@code pipeline.deepstream-version} when set, else the installed release. */
    public static DsVersion of(TallyConfig cfg) {
        String v = cfg.pipeline().deepstreamVersion();
        return v == null || v.isBlank() ? installed(VERSION_FILE) : parse(v);
    }

    public boolean atLeast(int maj, int min) {
        return major > maj || major == maj && minor >= min;
    }

    /** nvurisrcbin init-rtsp-reconnect-interval and deepstream-app init-rtsp-reconnect-interval-sec: 8.0+. */
    public boolean hasInitRtspReconnect() {
        return atLeast(8, 0);
    }

    /**
     * nvurisrcbin select-rtp-protocol for "every transport": 0 up to 7.1 (where only 0 and 4 exist), 7 from 8.0
     * (whose enum is 1 udp, 2 udp-mcast, 4 tcp, 7 all, 10 http, 20 tls).
     */
    public int rtpProtocolAll() {
        return atLeast(8, 0) ? 7 : 0;
    }

    /** UDP-only RTSP (select-rtp-protocol 1) exists from 8.0. */
    public boolean hasRtpProtocolUdpOnly() {
        return atLeast(8, 0);
    }

    /** Does the stock libnvds_infercustomparser.so of this release export {@code function}? */
    public boolean stockParserHas(String function) {
        return switch (function) {
            case "NvDsInferParseCustomNMSTLT", "NvDsInferParseCustomBatchedNMSTLT",
                    "NvDsInferParseCustomEfficientDetTAO" -> true; // 6.2+
            case "NvDsInferParseCustomDDETRTAO" -> atLeast(7, 0);
            case "NvDsInferParseCustomRTDETRTAO" -> atLeast(9, 0);
            default -> false;
        };
    }

    /** NvOSD_RectParams gained rotation_angle in 9.0, moving NvDsObjectMeta's later fields. */
    public boolean rotatedRects() {
        return major >= 9;
    }

    @Override
    public int compareTo(DsVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
