package dev.tally.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * MOTChallenge text files, one box a line: {@code frame,id,left,top,width,height,conf,class,visibility}
 * (frames from 1, boxes in pixels). Ground truth ({@code gt/gt.txt}) uses all nine columns as MOT17 does, with
 * {@code class} the 1-based index into the sequence's labels. Tracker output ({@code <seq>.txt}) has ten columns
 * in the MOTChallenge results layout ({@code frame,id,left,top,width,height,conf,x,y,z}); Tally writes the
 * 1-based class into the {@code x} column, which MOTChallenge tools ignore, and -1 into the others.
 */
public final class MotFile {

    /** One line. {@code cls} is 0-based here (the file holds cls + 1). */
    public record Row(int frame, long id, float left, float top, float width, float height, float conf, int cls,
                      float visibility) {}

    private MotFile() {
    }

    /** Reads a ground-truth or tracker file; class 0-based (file value - 1), -1 where absent. */
    public static List<Row> read(Path file) {
        List<Row> rows = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e.getMessage() + ")");
        }
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("[,\\s]+");
            if (f.length < 7) {
                throw new IllegalArgumentException(file + ":" + (n + 1) + ": expected at least 7 comma-separated"
                        + " fields (frame,id,left,top,width,height,conf), got " + f.length);
            }
            try {
                int frame = (int) Double.parseDouble(f[0]);
                long id = (long) Double.parseDouble(f[1]);
                float w = Float.parseFloat(f[4]);
                float h = Float.parseFloat(f[5]);
                if (frame < 1 || !(w >= 0) || !(h >= 0)) {
                    throw new IllegalArgumentException(file + ":" + (n + 1) + ": frame must be >= 1 and the box"
                            + " size not negative");
                }
                int cls = f.length > 7 ? (int) Double.parseDouble(f[7]) - 1 : -1;
                float vis = f.length > 8 ? Float.parseFloat(f[8]) : 1f;
                rows.add(new Row(frame, id, Float.parseFloat(f[2]), Float.parseFloat(f[3]), w, h,
                        Float.parseFloat(f[6]), Math.max(-1, cls), vis));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ":" + (n + 1) + ": not a number: " + e.getMessage());
            }
        }
        return rows;
    }

    /** Appends a ground-truth line (nine columns). */
    public static void gtLine(StringBuilder sb, int frame, long id, float x1, float y1, float x2, float y2, int cls,
                              float visibility) {
        sb.append(String.format(Locale.ROOT, "%d,%d,%.2f,%.2f,%.2f,%.2f,1,%d,%.3f%n", frame, id, x1, y1, x2 - x1,
                y2 - y1, cls + 1, visibility));
    }

    /** Appends a tracker-output or detection line (ten columns; id -1 for detections). */
    public static void resultLine(StringBuilder sb, int frame, long id, float x1, float y1, float x2, float y2,
                                  float conf, int cls) {
        sb.append(String.format(Locale.ROOT, "%d,%d,%.2f,%.2f,%.2f,%.2f,%.4f,%d,-1,-1%n", frame, id, x1, y1,
                x2 - x1, y2 - y1, conf, cls + 1));
    }

    /** Writes MOTChallenge's seqinfo.ini for a sequence directory. */
    public static void writeSeqInfo(Path seqDir, String name, double fps, int frames, int width, int height,
                                    List<String> labels, String source) throws IOException {
        String ini = "[Sequence]\nname=" + name + "\nimDir=img1\nframeRate=" + fps + "\nseqLength=" + frames
                + "\nimWidth=" + width + "\nimHeight=" + height + "\nimExt=.jpg\n"
                + "labels=" + String.join(",", labels) + "\nsource=" + source + "\n";
        Files.createDirectories(seqDir);
        Files.writeString(seqDir.resolve("seqinfo.ini"), ini, StandardCharsets.UTF_8);
    }
}
