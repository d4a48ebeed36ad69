package dev.tally.inference;

import dev.tally.frame.Detections;

/**
 * Turns one frame's slice of a model's raw output tensors into candidate boxes (before clustering), in pixels
 * of the model input. An implementation is built once over the direct buffers the model writes into and reads
 * them with absolute indexing, so decoding allocates nothing. Candidates below the class's pre-cluster
 * threshold are never emitted. Not thread-safe.
 */
interface OutputDecoder {

    /** Largest number of candidates one frame can produce (the capacity the caller must give). */
    int maxCandidates();

    /** Decodes frame {@code batchIndex} of the last run into {@code candidates} (cleared first). */
    void decode(int batchIndex, Detections candidates);
}
