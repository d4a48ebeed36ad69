package dev.tally.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real RTSP client for tests: ffprobe reads a mount over TCP for 4 s and counts the H.264 frames it decodes. */
public final class RtspClient {
    private RtspClient() {
    }

    /** What the client got: exit code 0 when at least the wanted frames were decoded, and ffprobe's output. */
    public record Result(int exitCode, String output) {}

    /** Reads {@code url} (with basic-auth credentials when {@code user} is set); wants {@code frames} frames. */
    public static Result readFrames(String url, String user, String password, int frames) throws Exception {
        String target = user == null ? url : url.replace("rtsp://", "rtsp://" + user + ":" + password + "@");
        List<String> cmd = List.of("timeout", "25", "ffprobe", "-v", "error", "-rtsp_transport", "tcp",
                "-select_streams", "v:0", "-count_frames", "-read_intervals", "%+4", "-show_entries",
                "stream=codec_name,nb_read_frames", "-of", "csv=p=0", target);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        Matcher m = Pattern.compile("(?m)^h264,(\\d+)").matcher(output);
        int decoded = m.find() ? Integer.parseInt(m.group(1)) : 0;
        return new Result(code == 0 && decoded >= frames ? 0 : Math.max(code, 1),
                "decoded " + decoded + " frames; ffprobe exit " + code + ": " + output);
    }
}
