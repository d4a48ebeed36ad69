package dev.tally.tracking;

/**
 * Where each track's box is and where it will be next frame, for a fixed number of track slots held in
 * preallocated arrays. Boxes are centre x, centre y, width, height in pixels. Implementations allocate nothing
 * after construction and are not thread-safe (one tracker owns one model).
 */
interface MotionModel {

    /** Starts slot {@code s} at the measured box, with zero velocity. */
    void init(int s, float cx, float cy, float w, float h);

    /**
     * Advances slot {@code s} by {@code steps} nominal frame intervals (fractional when frames came early or
     * late, more than one when frames were dropped). With {@code freezeSize} the box keeps its size (a lost
     * track neither grows nor shrinks while nothing measures it).
     */
    void predict(int s, float steps, boolean freezeSize);

    /** Velocity component {@code k} (0 cx, 1 cy) of slot {@code s}, pixels per nominal frame interval. */
    float velocity(int s, int k);

    /** Corrects slot {@code s} with a measured box. */
    void update(int s, float cx, float cy, float w, float h);

    /** Component {@code k} (0 cx, 1 cy, 2 w, 3 h) of the current box of slot {@code s}. */
    float get(int s, int k);
}
