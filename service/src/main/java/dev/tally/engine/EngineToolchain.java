package dev.tally.engine;

import java.nio.file.Path;

/** One way of building an engine (JavaCPP's TensorRT builder or trtexec). */
public interface EngineToolchain {

    /** The GPU and TensorRT version engines built here are bound to. */
    record Platform(String gpuName, String tensorRtVersion) {}

    BuildPath path();

    Platform platform();

    /**
     * Builds the engine of {@code spec} into {@code output} (a temporary file the caller renames into place).
     *
     * @throws EngineException when the build fails, with whether another toolchain may succeed
     */
    void build(EngineSpec spec, Path output);
}
