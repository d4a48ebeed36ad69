package dev.tally;

import com.google.gson.FormattingStyle;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import com.google.gson.stream.MalformedJsonException;
import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every JSON Tally writes or reads goes through Gson's streaming {@link JsonWriter} and {@link JsonReader} (no
 * reflection, no object mapping): status.json, /readyz, Redis notifications, evaluation and bench reports, COCO
 * files. Writers are HTML-safe ({@code < > & = '} and the JavaScript line separators are escaped), so the text is
 * also safe inside an HTML script block; a non-finite number is written as {@code null}.
 */
public final class Json {
    private static final Pattern POSITION = Pattern.compile(" at line (\\d+) column (\\d+)");
    private static final FormattingStyle SPACED = FormattingStyle.COMPACT.withSpaceAfterSeparators(true);

    private Json() {
    }

    /** What writes one JSON value. */
    @FunctionalInterface
    public interface Body {
        void write(JsonWriter w) throws IOException;
    }

    /** The value {@code body} writes, compact: {@code {"a":1,"b":[2,3]}}. */
    public static String compact(Body body) {
        return write(body, FormattingStyle.COMPACT);
    }

    /** The value {@code body} writes on one line with a space after each separator: {@code {"a": 1, "b": [2, 3]}}. */
    public static String spaced(Body body) {
        return write(body, SPACED);
    }

    /** A writer of the given style into {@code out}. */
    public static JsonWriter writer(StringWriter out, FormattingStyle style) {
        JsonWriter w = new JsonWriter(out);
        w.setHtmlSafe(true);
        w.setSerializeNulls(true);
        w.setFormattingStyle(style);
        return w;
    }

    private static String write(Body body, FormattingStyle style) {
        StringWriter out = new StringWriter(256);
        try (JsonWriter w = writer(out, style)) {
            body.write(w);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** {@code s} as a JSON string literal ({@code null} for null). */
    public static String quote(String s) {
        return compact(w -> w.value(s));
    }

    /** {@code v} with at most one decimal, integral values without a fraction, non-finite as null. */
    public static JsonWriter oneDecimal(JsonWriter w, double v) throws IOException {
        if (!Double.isFinite(v)) {
            return w.nullValue();
        }
        double r = Math.round(v * 10) / 10.0;
        return r == Math.rint(r) && Math.abs(r) < 1e15 ? w.value((long) r) : w.value(r);
    }

    /** Each string as an array. */
    public static JsonWriter strings(JsonWriter w, List<String> items) throws IOException {
        w.beginArray();
        for (String s : items) {
            w.value(s);
        }
        return w.endArray();
    }

    /**
     * Reads one JSON document strictly: objects to {@code Map<String,Object>} (in file order), arrays to
     * {@code List<Object>}, numbers to {@code Double}, plus String, Boolean and null.
     *
     * @throws IllegalArgumentException "invalid JSON at offset N: what was expected" for malformed text
     */
    public static Object parse(String text) {
        JsonReader r = new JsonReader(new StringReader(text));
        r.setStrictness(Strictness.STRICT);
        try {
            Object v = value(r);
            if (r.peek() != JsonToken.END_DOCUMENT) {
                throw invalid(text, r.toString(), "unexpected text after the JSON value");
            }
            return v;
        } catch (EOFException e) {
            return failEnd(text);
        } catch (MalformedJsonException | IllegalStateException | NumberFormatException e) {
            throw invalid(text, e.getMessage(), reason(e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object value(JsonReader r) throws IOException {
        switch (r.peek()) {
            case BEGIN_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                r.beginObject();
                while (r.hasNext()) {
                    String k = r.nextName();
                    m.put(k, value(r));
                }
                r.endObject();
                return m;
            }
            case BEGIN_ARRAY -> {
                List<Object> l = new ArrayList<>();
                r.beginArray();
                while (r.hasNext()) {
                    l.add(value(r));
                }
                r.endArray();
                return l;
            }
            case STRING -> {
                return r.nextString();
            }
            case NUMBER -> {
                return r.nextDouble();
            }
            case BOOLEAN -> {
                return r.nextBoolean();
            }
            case NULL -> {
                r.nextNull();
                return null;
            }
            default -> throw new MalformedJsonException("Expected value" + r);
        }
    }

    private static Object failEnd(String text) {
        throw new IllegalArgumentException("invalid JSON at offset " + text.length() + ": unexpected end of input");
    }

    /** Gson's reason in the words Tally's messages use. */
    private static String reason(String gsonMessage) {
        String m = gsonMessage == null ? "" : gsonMessage;
        int at = m.indexOf(" at line ");
        String what = (at < 0 ? m : m.substring(0, at)).strip();
        return switch (what) {
            case "Expected value" -> "expected a value";
            case "Expected name" -> "expected a quoted key";
            case "Unterminated object" -> "expected ',' or '}'";
            case "Unterminated array" -> "expected ',' or ']'";
            case "Expected ':'" -> "expected ':'";
            default -> what.isEmpty() ? "malformed" : Character.toLowerCase(what.charAt(0)) + what.substring(1);
        };
    }

    private static IllegalArgumentException invalid(String text, String located, String reason) {
        Matcher m = POSITION.matcher(located == null ? "" : located);
        long offset = -1;
        if (m.find()) {
            int line = Integer.parseInt(m.group(1));
            int column = Integer.parseInt(m.group(2));
            int start = 0;
            for (int l = 1; l < line && start >= 0; l++) {
                start = text.indexOf('\n', start) + 1;
                if (start == 0) {
                    start = -1;
                }
            }
            offset = start < 0 ? -1 : start + column - 1L;
        }
        String at = offset < 0 ? "" : " at offset " + offset;
        return new IllegalArgumentException("invalid JSON" + at + ": " + reason);
    }
}
