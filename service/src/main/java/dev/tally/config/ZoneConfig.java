package dev.tally.config;

import java.util.List;

/**
 * A polygonal zone in pipeline-frame pixels; xs[i], ys[i] are its vertices in order.
 *
 * @param classes labels counted in this zone; empty = all
 */
public record ZoneConfig(String name, float[] xs, float[] ys, List<String> classes) {
    public ZoneConfig {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("xs and ys differ in length");
        }
        xs = xs.clone();
        ys = ys.clone();
        classes = List.copyOf(classes);
    }

    public int size() {
        return xs.length;
    }

    @Override
    public float[] xs() {
        return xs.clone();
    }

    @Override
    public float[] ys() {
        return ys.clone();
    }

    public float x(int i) {
        return xs[i];
    }

    public float y(int i) {
        return ys[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ZoneConfig z && name.equals(z.name) && java.util.Arrays.equals(xs, z.xs)
                && java.util.Arrays.equals(ys, z.ys) && classes.equals(z.classes);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + java.util.Arrays.hashCode(xs);
    }

    @Override
    public String toString() {
        return "ZoneConfig[" + name + ", " + xs.length + " points, classes=" + classes + "]";
    }
}
