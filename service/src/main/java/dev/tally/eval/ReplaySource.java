package dev.tally.eval;

import dev.tally.sim.SimSpec;
import dev.tally.sim.WarehouseSim;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Frames for an offline replay, in order, as packed RGB: the synthetic camera ({@code sim://warehouse?...}),
 * a folder of images (png/jpg, sorted by name) or a video file (decoded by ffmpeg, scaled to the given size).
 */
public abstract class ReplaySource implements AutoCloseable {
    protected byte[] rgb = new byte[0];
    protected int width;
    protected int height;

    /** Reads the next frame; false at the end. */
    public abstract boolean next() throws IOException;

    public byte[] rgb() {
        return rgb;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    @Override
    public void close() {
    }

    /**
     * Opens {@code input}: a {@code sim://} URI, an existing directory of images or an existing video file.
     * Video is decoded at {@code width} x {@code height}.
     *
     * @throws IllegalArgumentException naming the input when it is none of these
     */
    public static ReplaySource open(String input, int width, int height, int maxFrames) {
        if (input.startsWith("sim:")) {
            return new Sim(SimSpec.fromUri(URI.create(input)), maxFrames);
        }
        Path p = Path.of(input.startsWith("file:") ? URI.create(input).getPath() : input);
        if (Files.isDirectory(p)) {
            return new Folder(p, maxFrames);
        }
        if (Files.isRegularFile(p)) {
            return new Video(p, width, height, maxFrames);
        }
        throw new IllegalArgumentException("--input " + input + ": not a sim:// URI, an image folder or a video file");
    }

    static final class Sim extends ReplaySource {
        private final WarehouseSim sim;
        private final int frames;
        private int n;

        Sim(SimSpec spec, int frames) {
            sim = new WarehouseSim(spec);
            this.frames = frames;
            width = spec.width();
            height = spec.height();
            rgb = new byte[spec.frameBytes()];
        }

        @Override
        public boolean next() {
            if (n++ >= frames) {
                return false;
            }
            sim.next(rgb, 0);
            return true;
        }
    }

    static final class Folder extends ReplaySource {
        private final List<Path> files;
        private int n;

        Folder(Path dir, int maxFrames) {
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(png|jpe?g)"))
                        .sorted().limit(maxFrames).toList();
            } catch (IOException e) {
                throw new IllegalArgumentException("--input " + dir + ": cannot list (" + e.getMessage() + ")");
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("--input " + dir + ": no .png or .jpg images");
            }
        }

        @Override
        public boolean next() throws IOException {
            if (n >= files.size()) {
                return false;
            }
            Path f = files.get(n++);
            BufferedImage img = ImageIO.read(f.toFile());
            if (img == null) {
                throw new IOException(f + ": not a readable image");
            }
            width = img.getWidth();
            height = img.getHeight();
            if (rgb.length != width * height * 3) {
                rgb = new byte[width * height * 3];
            }
            for (int y = 0, i = 0; y < height; y++) {
                for (int x = 0; x < width; x++, i += 3) {
                    int p = img.getRGB(x, y);
                    rgb[i] = (byte) (p >> 16);
                    rgb[i + 1] = (byte) (p >> 8);
                    rgb[i + 2] = (byte) p;
                }
            }
            return true;
        }
    }

    static final class Video extends ReplaySource {
        private final Process ffmpeg;
        private final InputStream in;
        private final int frames;
        private final Path file;
        private int n;

        Video(Path file, int width, int height, int frames) {
            this.file = file;
            this.width = width;
            this.height = height;
            this.frames = frames;
            rgb = new byte[width * height * 3];
            try {
                ffmpeg = new ProcessBuilder("ffmpeg", "-v", "error", "-nostdin", "-i", file.toString(), "-f",
                        "rawvideo", "-pix_fmt", "rgb24", "-s", width + "x" + height, "-")
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            } catch (IOException e) {
                throw new IllegalArgumentException("--input " + file + ": cannot start ffmpeg to decode it ("
                        + e.getMessage() + ")");
            }
            in = ffmpeg.getInputStream();
        }

        @Override
        public boolean next() throws IOException {
            if (n >= frames) {
                return false;
            }
            int got = in.readNBytes(rgb, 0, rgb.length);
            if (got < rgb.length) {
                if (n == 0) {
                    throw new IOException("--input " + file + ": ffmpeg decoded no frame");
                }
                return false;
            }
            n++;
            return true;
        }

        @Override
        public void close() {
            ffmpeg.destroy();
        }
    }
}
