package dev.tally.engine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes minimal ONNX ModelProto bytes (graph inputs and initializers only) in protobuf wire format. */
final class OnnxFiles {
    private OnnxFiles() {
    }

    /** A model whose graph has these inputs; a dim of -1 is written as a dim_param "N". */
    static byte[] model(String[] names, long[][] dims, String... initializers) {
        ByteArrayOutputStream graph = new ByteArrayOutputStream();
        field(graph, 1, "graph-name".getBytes(StandardCharsets.UTF_8)); // GraphProto.node is 1; name is 2: any bytes skip
        for (int i = 0; i < names.length; i++) {
            ByteArrayOutputStream shape = new ByteArrayOutputStream();
            for (long d : dims[i]) {
                ByteArrayOutputStream dim = new ByteArrayOutputStream();
                if (d < 0) {
                    field(dim, 2, "N".getBytes(StandardCharsets.UTF_8));
                } else {
                    varintField(dim, 1, d);
                }
                field(shape, 1, dim.toByteArray());
            }
            ByteArrayOutputStream tensor = new ByteArrayOutputStream();
            varintField(tensor, 1, 1); // elem_type FLOAT
            field(tensor, 2, shape.toByteArray());
            ByteArrayOutputStream type = new ByteArrayOutputStream();
            field(type, 1, tensor.toByteArray());
            ByteArrayOutputStream vi = new ByteArrayOutputStream();
            field(vi, 1, names[i].getBytes(StandardCharsets.UTF_8));
            field(vi, 2, type.toByteArray());
            field(graph, 11, vi.toByteArray());
        }
        for (String init : initializers) {
            ByteArrayOutputStream t = new ByteArrayOutputStream();
            varintField(t, 1, 4); // dims
            field(t, 8, init.getBytes(StandardCharsets.UTF_8));
            field(graph, 5, t.toByteArray());
        }
        ByteArrayOutputStream model = new ByteArrayOutputStream();
        varintField(model, 1, 8); // ir_version
        field(model, 2, "tao".getBytes(StandardCharsets.UTF_8)); // producer_name
        field(model, 7, graph.toByteArray());
        return model.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, int number, byte[] bytes) {
        varint(out, (long) number << 3 | 2);
        varint(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void varintField(ByteArrayOutputStream out, int number, long v) {
        varint(out, (long) number << 3);
        varint(out, v);
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }
}
