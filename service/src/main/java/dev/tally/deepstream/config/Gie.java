package dev.tally.deepstream.config;

import java.util.List;

/**
 * Where an nvinfer instance sits: the primary GIE sees whole frames; a secondary GIE (process-mode 2)
 * classifies the objects that GIE {@code operateOnGieId} found, of the classes listed.
 */
public record Gie(int uniqueId, boolean primary, int operateOnGieId, List<Integer> operateOnClassIds) {
    public static final Gie PRIMARY = new Gie(1, true, 0, List.of());

    public Gie {
        operateOnClassIds = List.copyOf(operateOnClassIds);
    }

    public static Gie secondary(int uniqueId, int operateOnGieId, List<Integer> classIds) {
        return new Gie(uniqueId, false, operateOnGieId, classIds);
    }
}
