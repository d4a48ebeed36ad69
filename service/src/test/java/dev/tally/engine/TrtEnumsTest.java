package dev.tally.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import org.bytedeco.tensorrt.global.nvinfer;
import org.junit.jupiter.api.Test;
import sun.misc.Unsafe;

/**
 * Enum values that JavaCPP returns from native code are objects it allocates itself and fills only with
 * {@code value}: {@code name()} is null and {@code ordinal()} is 0, so they equal no Java constant. These tests
 * make such objects the same way (allocate, set {@code value}) and need no GPU or TensorRT library.
 */
class TrtEnumsTest {

    @Test
    void dataTypeNamesComeFromTheNativeValueNotTheJavaObject() {
        assertThat(TrtEngine.dataType(nativeEnum(nvinfer.DataType.class, nvinfer.DataType.kFLOAT.value))).isEqualTo("FLOAT");
        assertThat(TrtEngine.dataType(nativeEnum(nvinfer.DataType.class, nvinfer.DataType.kHALF.value))).isEqualTo("HALF");
        assertThat(TrtEngine.dataType(nativeEnum(nvinfer.DataType.class, nvinfer.DataType.kINT64.value))).isEqualTo("INT64");
        assertThat(TrtEngine.dataType(nvinfer.DataType.kINT8)).isEqualTo("INT8");
    }

    @Test
    void aValueNoJavaConstantKnowsIsNamedByItsNumber() {
        assertThat(TrtEngine.dataType(nativeEnum(nvinfer.DataType.class, 97))).isEqualTo("DataType(97)");
        assertThat(TrtEngine.bytesPer(nativeEnum(nvinfer.DataType.class, 97))).isEqualTo(1);
    }

    @Test
    void bytesPerElementFollowTheNativeValue() {
        // a switch on the raw object reads ordinal 0 (kFLOAT, 4 bytes) for every type
        assertThat(TrtEngine.bytesPer(nativeEnum(nvinfer.DataType.class, nvinfer.DataType.kHALF.value))).isEqualTo(2);
        assertThat(TrtEngine.bytesPer(nativeEnum(nvinfer.DataType.class, nvinfer.DataType.kBF16.value))).isEqualTo(2);
        assertThat(TrtEngine.bytesPer(nativeEnum(nvinfer.DataType.class, nvinfer.DataType.kINT8.value))).isEqualTo(1);
        assertThat(TrtEngine.bytesPer(nativeEnum(nvinfer.DataType.class, nvinfer.DataType.kINT32.value))).isEqualTo(4);
        assertThat(TrtEngine.bytesPer(nativeEnum(nvinfer.DataType.class, nvinfer.DataType.kINT64.value))).isEqualTo(8);
        assertThat(TrtEngine.bytesPer(nativeEnum(nvinfer.DataType.class, nvinfer.DataType.kFLOAT.value))).isEqualTo(4);
    }

    @Test
    void inputModeIsRecognisedOnNativeObjects() {
        // '== kINPUT' on the raw object is false for every tensor: inputs were read as outputs
        assertThat(TrtEngine.isInput(nativeEnum(nvinfer.TensorIOMode.class, nvinfer.TensorIOMode.kINPUT.value))).isTrue();
        assertThat(TrtEngine.isInput(nativeEnum(nvinfer.TensorIOMode.class, nvinfer.TensorIOMode.kOUTPUT.value))).isFalse();
        assertThat(TrtEngine.isInput(nativeEnum(nvinfer.TensorIOMode.class, nvinfer.TensorIOMode.kNONE.value))).isFalse();
    }

    @Test
    void theTestObjectsReallyLookLikeJavaCppsNativeOnes() {
        nvinfer.DataType half = nativeEnum(nvinfer.DataType.class, nvinfer.DataType.kHALF.value);
        assertThat(half.name()).isNull();
        assertThat(half.ordinal()).isZero();
        assertThat(half).isNotSameAs(nvinfer.DataType.kHALF);
        assertThat(half.intern()).isSameAs(nvinfer.DataType.kHALF);
    }

    /** An enum object as JavaCPP's JNI code makes one for a native return value: allocated, only value set. */
    static <E extends Enum<E>> E nativeEnum(Class<E> type, int value) {
        try {
            Field f = Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            Unsafe unsafe = (Unsafe) f.get(null);
            @SuppressWarnings("unchecked")
            E e = (E) unsafe.allocateInstance(type);
            unsafe.putInt(e, unsafe.objectFieldOffset(type.getField("value")), value);
            return e;
        } catch (ReflectiveOperationException ex) {
            throw new AssertionError(ex);
        }
    }
}
