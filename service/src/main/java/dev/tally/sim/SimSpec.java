package dev.tally.sim;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * What a synthetic warehouse camera renders: random seed, frame size, frame rate and how many objects of each
 * kind are on the floor. Written as a camera URI {@code sim://warehouse?seed=7&width=1280&height=720&fps=30&
 * people=6&forklifts=2&pallets=4}; every query key is optional, unknown keys are rejected.
 *
 * @param seed      random seed; the same spec always renders the same frames and ground truth
 * @param width     frame width in pixels, 64..4096 (default 1280)
 * @param height    frame height in pixels, 64..4096 (default 720)
 * @param fps       frames per second, 1..120 (default 30); object speeds are per second
 * @param people    number of people walking at once, 0..64 (default 6)
 * @param forklifts number of forklifts driving at once, 0..16 (default 2); each may carry a pallet
 * @param pallets   number of pallets standing on the floor, 0..64 (default 4)
 */
public record SimSpec(long seed, int width, int height, int fps, int people, int forklifts, int pallets) {

    public static final int DEFAULT_WIDTH = 1280;
    public static final int DEFAULT_HEIGHT = 720;
    public static final int DEFAULT_FPS = 30;
    public static final int DEFAULT_PEOPLE = 6;
    public static final int DEFAULT_FORKLIFTS = 2;
    public static final int DEFAULT_PALLETS = 4;

    public SimSpec {
        check("width", width, 64, 4096);
        check("height", height, 64, 4096);
        check("fps", fps, 1, 120);
        check("people", people, 0, 64);
        check("forklifts", forklifts, 0, 16);
        check("pallets", pallets, 0, 64);
    }

    /** The default scene (1280x720 at 30 fps, 6 people, 2 forklifts, 4 pallets) for a seed. */
    public static SimSpec ofSeed(long seed) {
        return new SimSpec(seed, DEFAULT_WIDTH, DEFAULT_HEIGHT, DEFAULT_FPS, DEFAULT_PEOPLE, DEFAULT_FORKLIFTS,
                DEFAULT_PALLETS);
    }

    /** This spec with another seed. */
    public SimSpec withSeed(long newSeed) {
        return new SimSpec(newSeed, width, height, fps, people, forklifts, pallets);
    }

    /** This spec with another frame size. */
    public SimSpec withSize(int newWidth, int newHeight) {
        return new SimSpec(seed, newWidth, newHeight, fps, people, forklifts, pallets);
    }

    /** Bytes of one packed RGB frame: width * height * 3. */
    public int frameBytes() {
        return width * height * 3;
    }

    /** The camera URI of this spec (parses back to an equal spec). */
    public URI toUri() {
        return URI.create("sim://warehouse?seed=" + seed + "&width=" + width + "&height=" + height + "&fps=" + fps
                + "&people=" + people + "&forklifts=" + forklifts + "&pallets=" + pallets);
    }

    /**
     * Parses {@code sim://warehouse?key=value&...}. Keys: seed, width, height, fps, people, forklifts, pallets.
     *
     * @throws IllegalArgumentException naming the URI and the offending part (wrong scheme or host, unknown key,
     *                                  value not a number or out of range)
     */
    public static SimSpec fromUri(URI uri) {
        if (!"sim".equals(uri.getScheme()) || !"warehouse".equals(uri.getHost())) {
            throw new IllegalArgumentException("synthetic camera URI '" + uri + "' must start with sim://warehouse");
        }
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !"/".equals(path)) {
            throw new IllegalArgumentException("synthetic camera URI '" + uri + "' must have no path, got '" + path + "'");
        }
        long seed = 0;
        int width = DEFAULT_WIDTH, height = DEFAULT_HEIGHT, fps = DEFAULT_FPS;
        int people = DEFAULT_PEOPLE, forklifts = DEFAULT_FORKLIFTS, pallets = DEFAULT_PALLETS;
        String query = uri.getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String part : query.split("&")) {
                if (part.isEmpty()) {
                    continue;
                }
                int eq = part.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
                switch (key) {
                    case "seed" -> seed = parseLong(uri, key, value);
                    case "width" -> width = parseInt(uri, key, value);
                    case "height" -> height = parseInt(uri, key, value);
                    case "fps" -> fps = parseInt(uri, key, value);
                    case "people" -> people = parseInt(uri, key, value);
                    case "forklifts" -> forklifts = parseInt(uri, key, value);
                    case "pallets" -> pallets = parseInt(uri, key, value);
                    default -> throw new IllegalArgumentException("synthetic camera URI '" + uri + "': unknown key '"
                            + key + "' (allowed: seed, width, height, fps, people, forklifts, pallets)");
                }
            }
        }
        try {
            return new SimSpec(seed, width, height, fps, people, forklifts, pallets);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("synthetic camera URI '" + uri + "': " + e.getMessage(), e);
        }
    }

    private static long parseLong(URI uri, String key, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("synthetic camera URI '" + uri + "': " + key + " must be an integer, got '"
                    + value + "'", e);
        }
    }

    private static int parseInt(URI uri, String key, String value) {
        long v = parseLong(uri, key, value);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("synthetic camera URI '" + uri + "': " + key + " out of range: " + value);
        }
        return (int) v;
    }

    private static void check(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be in " + min + ".." + max + ", got " + value);
        }
    }
}
