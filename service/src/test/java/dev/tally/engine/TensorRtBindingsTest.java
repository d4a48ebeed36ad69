package dev.tally.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The one line Tally prints when the JavaCPP TensorRT bindings do not load. The errors have the shape JavaCPP's
 * Loader throws (seen on a host without cuBLAS and on one without a driver): "no jniX in java.library.path",
 * caused by the dynamic linker's "libY: cannot open shared object file".
 */
class TensorRtBindingsTest {

    private static UnsatisfiedLinkError loaderError(String jni, String missing) {
        UnsatisfiedLinkError e = new UnsatisfiedLinkError("no " + jni + " in java.library.path: /opt/trt/lib:/usr/lib");
        e.initCause(new UnsatisfiedLinkError("/root/.javacpp/cache/cuda-12.6-9.5-1.5.11-linux-x86_64.jar/org/bytedeco/"
                + "cuda/linux-x86_64/lib" + jni + ".so: " + missing + ": cannot open shared object file: No such file or"
                + " directory"));
        return e;
    }

    @Test
    void missingCublasOrCudnnSaysThePresetLinksThem() {
        assertThat(TensorRtBindings.loadFailure(loaderError("jnicublas", "libcublas.so.12"))).isEqualTo(
                "TensorRT Java bindings did not load: libcublas.so.12 not found (JavaCPP's TensorRT bindings link"
                        + " cuBLAS 12 and cuDNN 9 when they load, although Tally calls neither: install CUDA 12's cuBLAS"
                        + " and cuDNN 9 (on Jetson they come with JetPack 6)); Tally needs TensorRT 10.x with the"
                        + " JavaCPP tensorrt/cuda native libraries (JetPack 6 on Jetson)");
        assertThat(TensorRtBindings.loadFailure(loaderError("jnicudnn", "libcudnn_ops.so.9")))
                .startsWith("TensorRT Java bindings did not load: libcudnn_ops.so.9 not found (JavaCPP's TensorRT"
                        + " bindings link cuBLAS 12 and cuDNN 9");
    }

    @Test
    void missingDriverRuntimeOrTensorRtNameWhatToInstall() {
        assertThat(TensorRtBindings.loadFailure(loaderError("jnicudart", "libcuda.so.1")))
                .startsWith("TensorRT Java bindings did not load: libcuda.so.1 not found (the NVIDIA driver);");
        assertThat(TensorRtBindings.loadFailure(loaderError("jnicudart", "libcudart.so.12")))
                .startsWith("TensorRT Java bindings did not load: libcudart.so.12 not found (the CUDA 12 runtime:");
        assertThat(TensorRtBindings.loadFailure(loaderError("jninvinfer", "libnvinfer.so.10")))
                .startsWith("TensorRT Java bindings did not load: libnvinfer.so.10 not found (TensorRT 10: install");
    }

    @Test
    void otherFailuresKeepTheirFirstLine() {
        String line = TensorRtBindings.loadFailure(new UnsatisfiedLinkError(
                "no jnicudart in java.library.path: /usr/java/packages/lib:/usr/lib\nmore"));
        assertThat(line).isEqualTo("TensorRT Java bindings did not load (no jnicudart in java.library.path); Tally"
                + " needs TensorRT 10.x with the JavaCPP tensorrt/cuda native libraries (JetPack 6 on Jetson)");
        assertThat(line).doesNotContain("\n");
    }
}
