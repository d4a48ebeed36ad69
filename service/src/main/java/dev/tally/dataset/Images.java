package dev.tally.dataset;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/** Image file helpers of the dataset tools: size from the header, packed-RGB to image, scaling, writing. */
public final class Images {
    private Images() {
    }

    /** True for the image extensions the dataset tools read: png, jpg, jpeg (any case). */
    public static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    /** Width and height from the file's header, without decoding the pixels. */
    public static int[] size(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new DatasetException(file + ": cannot open image");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new DatasetException(file + ": not a readable PNG/JPEG image");
            }
            ImageReader r = readers.next();
            try {
                r.setInput(in);
                return new int[] {r.getWidth(0), r.getHeight(0)};
            } finally {
                r.dispose();
            }
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read image header: " + e.getMessage(), e);
        }
    }

    /**
     * Scales a packed RGB frame (srcW x srcH) to a dstW x dstH image with bilinear sampling of pixel centres
     * (the same mapping as GStreamer's videoscale bilinear method).
     */
    public static BufferedImage scaleRgb(byte[] rgb, int srcW, int srcH, int dstW, int dstH) {
        BufferedImage img = new BufferedImage(dstW, dstH, BufferedImage.TYPE_3BYTE_BGR);
        byte[] out = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        float sx = srcW / (float) dstW, sy = srcH / (float) dstH;
        for (int y = 0; y < dstH; y++) {
            float fy = Math.max(0f, Math.min(srcH - 1f, (y + 0.5f) * sy - 0.5f));
            int y0 = (int) fy, y1 = Math.min(srcH - 1, y0 + 1);
            float wy = fy - y0;
            for (int x = 0; x < dstW; x++) {
                float fx = Math.max(0f, Math.min(srcW - 1f, (x + 0.5f) * sx - 0.5f));
                int x0 = (int) fx, x1 = Math.min(srcW - 1, x0 + 1);
                float wx = fx - x0;
                int o = (y * dstW + x) * 3;
                for (int c = 0; c < 3; c++) {
                    float a = rgb[(y0 * srcW + x0) * 3 + c] & 0xff, b = rgb[(y0 * srcW + x1) * 3 + c] & 0xff;
                    float d = rgb[(y1 * srcW + x0) * 3 + c] & 0xff, e = rgb[(y1 * srcW + x1) * 3 + c] & 0xff;
                    float v = (a + (b - a) * wx) * (1 - wy) + (d + (e - d) * wx) * wy;
                    out[o + 2 - c] = (byte) Math.min(255, Math.round(v));
                }
            }
        }
        return img;
    }

    /** Writes PNG or JPEG (by the file's extension; JPEG at the given quality 0..1). */
    public static void write(BufferedImage img, Path file, float jpegQuality) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (n.endsWith(".png")) {
                ImageIO.write(img, "png", file.toFile());
                return;
            }
            ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
                ImageWriteParam p = w.getDefaultWriteParam();
                p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                p.setCompressionQuality(jpegQuality);
                w.setOutput(out);
                w.write(null, new IIOImage(img, null, null), p);
            } finally {
                w.dispose();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
