package dev.tally.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the graph inputs (name and shape) of an ONNX file without TensorRT or ONNX Runtime, by walking the
 * protobuf fields it needs: ModelProto.graph(7) → GraphProto.input(11) / initializer(5) → ValueInfoProto
 * name(1), type(2) → TypeProto.tensor_type(1) → shape(2) → dim(1) with dim_value(1) or dim_param(2).
 * Used to give trtexec the optimisation-profile shapes of dynamic inputs. Inputs that are initializers
 * (old exporters list weights as inputs) are left out.
 */
public final class OnnxInputs {
    /** A graph input; a dimension of -1 is dynamic (dim_param or absent). */
    public record Input(String name, long[] dims) {
        public boolean dynamic() {
            for (long d : dims) {
                if (d < 0) {
                    return true;
                }
            }
            return false;
        }
    }

    private OnnxInputs() {
    }

    public static List<Input> read(Path onnx) throws IOException {
        try (FileChannel ch = FileChannel.open(onnx, StandardOpenOption.READ)) {
            return parse(ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()));
        }
    }

    /** Parses ModelProto bytes. Malformed input raises IOException. */
    public static List<Input> parse(ByteBuffer model) throws IOException {
        try {
            List<Input> inputs = new ArrayList<>();
            Set<String> initializers = new HashSet<>();
            Reader m = new Reader(model);
            while (m.more()) {
                int tag = m.tag();
                if (tag == (7 << 3 | 2)) {
                    Reader g = m.sub();
                    while (g.more()) {
                        int gt = g.tag();
                        if (gt == (11 << 3 | 2)) {
                            inputs.add(valueInfo(g.sub()));
                        } else if (gt == (5 << 3 | 2)) {
                            String n = tensorName(g.sub());
                            if (n != null) {
                                initializers.add(n);
                            }
                        } else {
                            g.skip(gt);
                        }
                    }
                } else {
                    m.skip(tag);
                }
            }
            inputs.removeIf(i -> initializers.contains(i.name()));
            return inputs;
        } catch (RuntimeException e) {
            throw new IOException("not a readable ONNX model: " + e.getMessage(), e);
        }
    }

    private static String tensorName(Reader t) {
        while (t.more()) {
            int tag = t.tag();
            if (tag == (8 << 3 | 2)) {
                return t.string();
            }
            t.skip(tag);
        }
        return null;
    }

    private static Input valueInfo(Reader v) {
        String name = "";
        List<Long> dims = new ArrayList<>();
        while (v.more()) {
            int tag = v.tag();
            if (tag == (1 << 3 | 2)) {
                name = v.string();
            } else if (tag == (2 << 3 | 2)) {
                Reader type = v.sub();
                while (type.more()) {
                    int tt = type.tag();
                    if (tt == (1 << 3 | 2)) {
                        Reader tensor = type.sub();
                        while (tensor.more()) {
                            int ts = tensor.tag();
                            if (ts == (2 << 3 | 2)) {
                                shape(tensor.sub(), dims);
                            } else {
                                tensor.skip(ts);
                            }
                        }
                    } else {
                        type.skip(tt);
                    }
                }
            } else {
                v.skip(tag);
            }
        }
        return new Input(name, dims.stream().mapToLong(Long::longValue).toArray());
    }

    private static void shape(Reader s, List<Long> dims) {
        while (s.more()) {
            int tag = s.tag();
            if (tag == (1 << 3 | 2)) {
                Reader d = s.sub();
                long value = -1;
                while (d.more()) {
                    int dt = d.tag();
                    if (dt == (1 << 3)) {
                        value = d.varint();
                    } else {
                        d.skip(dt);
                    }
                }
                dims.add(value > 0 ? value : -1);
            } else {
                s.skip(tag);
            }
        }
    }

    /** A protobuf wire-format cursor over [position, limit) of a buffer. */
    private static final class Reader {
        private final ByteBuffer b;

        Reader(ByteBuffer b) {
            this.b = b;
        }

        boolean more() {
            return b.hasRemaining();
        }

        int tag() {
            return (int) varint();
        }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte x = b.get();
                v |= (long) (x & 0x7f) << shift;
                if (x >= 0) {
                    return v;
                }
            }
            throw new IllegalStateException("bad varint");
        }

        Reader sub() {
            int len = Math.toIntExact(varint());
            ByteBuffer s = b.slice(b.position(), len);
            b.position(b.position() + len);
            return new Reader(s);
        }

        String string() {
            Reader s = sub();
            byte[] bytes = new byte[s.b.remaining()];
            s.b.get(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }

        void skip(int tag) {
            switch (tag & 7) {
                case 0 -> varint();
                case 1 -> b.position(b.position() + 8);
                case 2 -> sub();
                case 5 -> b.position(b.position() + 4);
                default -> throw new IllegalStateException("unsupported wire type " + (tag & 7));
            }
        }
    }
}
