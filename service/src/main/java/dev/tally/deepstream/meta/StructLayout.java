package dev.tally.deepstream.meta;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Computes C field offsets on 64-bit Linux (LP64: pointers and 64-bit ints aligned to 8, ints and floats to
 * 4, a struct aligned to its widest member and padded to a multiple of it), the way gcc lays out the
 * DeepStream structs. Fields are added in declaration order; nested structs are added with {@link #struct}.
 */
final class StructLayout {
    private final Map<String, Integer> offsets = new LinkedHashMap<>();
    private int size;
    private int align = 1;

    StructLayout ptr(String name) {
        return field(name, 8, 8);
    }

    StructLayout i32(String name) {
        return field(name, 4, 4);
    }

    StructLayout i64(String name) {
        return field(name, 8, 8);
    }

    StructLayout f64(String name) {
        return field(name, 8, 8);
    }

    StructLayout array(String name, int elementSize, int count) {
        return field(name, elementSize * count, elementSize);
    }

    /** A nested struct: its fields become {@code name.field}. */
    StructLayout struct(String name, StructLayout inner) {
        int at = place(inner.size(), inner.align);
        offsets.put(name, at);
        inner.offsets.forEach((k, v) -> offsets.put(name + "." + k, at + v));
        return this;
    }

    StructLayout field(String name, int bytes, int alignment) {
        offsets.put(name, place(bytes, alignment));
        return this;
    }

    private int place(int bytes, int alignment) {
        int at = (size + alignment - 1) / alignment * alignment;
        size = at + bytes;
        align = Math.max(align, alignment);
        return at;
    }

    /** sizeof: the end padded to the struct's alignment. */
    int size() {
        return (size + align - 1) / align * align;
    }

    int offset(String name) {
        Integer o = offsets.get(name);
        if (o == null) {
            throw new IllegalArgumentException("no field " + name);
        }
        return o;
    }
}
