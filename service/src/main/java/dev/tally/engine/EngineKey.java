package dev.tally.engine;

import dev.tally.TallyException;
import dev.tally.config.ModelConfig.Precision;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * What an engine was built from. An engine is reused only when every field matches the current deployment:
 * engines are not portable across model files, precisions, batch sizes, GPUs or TensorRT versions, and an
 * INT8 engine also depends on its calibration cache. Stored as a properties sidecar next to the engine.
 *
 * @param modelSha256 SHA-256 of the ONNX file, hex
 * @param calibrationSha256 SHA-256 of the INT8 calibration cache, or "" when not INT8
 * @param gpuName the GPU's name as CUDA reports it (e.g. "Orin")
 * @param tensorRtVersion TensorRT version as major.minor.patch
 */
public record EngineKey(String modelSha256, Precision precision, int batch, String gpuName, String tensorRtVersion,
                        String calibrationSha256, int dlaCore) {

    public EngineKey {
        Objects.requireNonNull(modelSha256);
        Objects.requireNonNull(precision);
        Objects.requireNonNull(gpuName);
        Objects.requireNonNull(tensorRtVersion);
        calibrationSha256 = calibrationSha256 == null ? "" : calibrationSha256;
    }

    /** Names the fields that differ from {@code built} (empty when the engine is fresh), e.g. "batch 2 -> 4". */
    public List<String> differences(EngineKey built) {
        List<String> d = new ArrayList<>();
        diff(d, "model sha256", abbrev(built.modelSha256), abbrev(modelSha256));
        diff(d, "precision", built.precision, precision);
        diff(d, "batch", built.batch, batch);
        diff(d, "gpu", built.gpuName, gpuName);
        diff(d, "tensorrt", built.tensorRtVersion, tensorRtVersion);
        diff(d, "calibration sha256", abbrev(built.calibrationSha256), abbrev(calibrationSha256));
        diff(d, "dla-core", built.dlaCore, dlaCore);
        return d;
    }

    private static void diff(List<String> d, String what, Object was, Object now) {
        if (!was.equals(now)) {
            d.add(what + " " + was + " -> " + now);
        }
    }

    private static String abbrev(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }

    /** Writes this key as properties to {@code file} atomically (temp file + rename). */
    public void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("model.sha256", modelSha256);
        p.setProperty("precision", precision.name());
        p.setProperty("batch", Integer.toString(batch));
        p.setProperty("gpu", gpuName);
        p.setProperty("tensorrt", tensorRtVersion);
        p.setProperty("calibration.sha256", calibrationSha256);
        p.setProperty("dla-core", Integer.toString(dlaCore));
        StringWriter w = new StringWriter();
        p.store(w, "Tally engine cache key: the engine beside this file is reused only while all of these match");
        AtomicFiles.write(file, w.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Reads a key sidecar; null when it is missing or unreadable (the engine then counts as stale). */
    public static EngineKey read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            Properties p = new Properties();
            p.load(r);
            return new EngineKey(p.getProperty("model.sha256"), Precision.valueOf(p.getProperty("precision")),
                    Integer.parseInt(p.getProperty("batch")), p.getProperty("gpu"), p.getProperty("tensorrt"),
                    p.getProperty("calibration.sha256", ""), Integer.parseInt(p.getProperty("dla-core", "-1")));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** SHA-256 of a file, hex; an unreadable file is a config error naming it. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw TallyException.badConfig("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
