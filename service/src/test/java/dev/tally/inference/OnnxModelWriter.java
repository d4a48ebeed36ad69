package dev.tally.inference;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes small ONNX models (protobuf, encoded by hand) for tests that need a real model file but no Python:
 * a graph of a few standard operators with float tensors. Field numbers are those of onnx.proto.
 */
final class OnnxModelWriter {
    private final Msg graph = new Msg();

    /** Adds a graph input or output: dims > 0 are fixed, null entries are symbolic dims named "batch". */
    OnnxModelWriter input(String name, Long... dims) {
        graph.msg(11, valueInfo(name, dims));
        return this;
    }

    OnnxModelWriter output(String name, Long... dims) {
        graph.msg(12, valueInfo(name, dims));
        return this;
    }

    /** A float constant (initializer) with the given dims and values. */
    OnnxModelWriter constant(String name, long[] dims, float... values) {
        Msg t = new Msg();
        for (long d : dims) {
            t.varint(1, d);
        }
        t.varint(2, 1);
        t.string(8, name);
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        t.bytes(9, raw.array());
        graph.msg(5, t);
        return this;
    }

    /** An int64 constant (initializer), e.g. a shape for Reshape. */
    OnnxModelWriter longs(String name, long... values) {
        Msg t = new Msg();
        t.varint(1, values.length);
        t.varint(2, 7);
        t.string(8, name);
        ByteBuffer raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            raw.putLong(v);
        }
        t.bytes(9, raw.array());
        graph.msg(5, t);
        return this;
    }

    /** A node; attrs are pairs name, value where value is a Long, or a long[] (ints). */
    OnnxModelWriter node(String op, String[] inputs, String[] outputs, Object... attrs) {
        Msg n = new Msg();
        for (String i : inputs) {
            n.string(1, i);
        }
        for (String o : outputs) {
            n.string(2, o);
        }
        n.string(3, op + "_" + outputs[0]);
        n.string(4, op);
        for (int i = 0; i < attrs.length; i += 2) {
            Msg a = new Msg();
            a.string(1, (String) attrs[i]);
            if (attrs[i + 1] instanceof long[] ints) {
                for (long v : ints) {
                    a.varint(8, v);
                }
                a.varint(20, 7);
            } else {
                a.varint(3, (Long) attrs[i + 1]);
                a.varint(20, 2);
            }
            n.msg(5, a);
        }
        graph.msg(1, n);
        return this;
    }

    byte[] bytes() {
        graph.string(2, "test");
        Msg model = new Msg();
        model.varint(1, 8);
        model.string(2, "tally-test");
        model.msg(7, graph);
        Msg opset = new Msg();
        opset.string(1, "");
        opset.varint(2, 13);
        model.msg(8, opset);
        return model.out.toByteArray();
    }

    private static Msg valueInfo(String name, Long... dims) {
        Msg shape = new Msg();
        for (Long d : dims) {
            Msg dim = new Msg();
            if (d == null) {
                dim.string(2, "batch");
            } else {
                dim.varint(1, d);
            }
            shape.msg(1, dim);
        }
        Msg tensor = new Msg();
        tensor.varint(1, 1);
        tensor.msg(2, shape);
        Msg type = new Msg();
        type.msg(1, tensor);
        Msg vi = new Msg();
        vi.string(1, name);
        vi.msg(2, type);
        return vi;
    }

    /** A protobuf message being written. */
    private static final class Msg {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void varint(int field, long v) {
            raw((long) field << 3);
            raw(v);
        }

        void bytes(int field, byte[] b) {
            raw((long) field << 3 | 2);
            raw(b.length);
            out.writeBytes(b);
        }

        void string(int field, String s) {
            bytes(field, s.getBytes(StandardCharsets.UTF_8));
        }

        void msg(int field, Msg m) {
            bytes(field, m.out.toByteArray());
        }

        private void raw(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }
    }
}
