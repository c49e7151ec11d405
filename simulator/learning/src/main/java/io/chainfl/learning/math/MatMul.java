package io.chainfl.learning.math;

/**
 * Matrix products in one fixed order, so that every model's results are the same bits on every CPU.
 *
 * <p><b>Contract</b> (both implementations, every layout): matrices are row-major {@code float[]} slices starting
 * at the given offsets. Every output element {@code C[i][j]} starts from its initial value (whatever the caller
 * left in C: 0, a dense layer's bias, a previous result) and then, for {@code p = 0, 1, ..., k-1} in ascending
 * order, becomes {@code C[i][j] = C[i][j] + A[i][p] * B[p][j]}, the product rounded to float and then the sum
 * rounded to float. Nothing is fused (Java never contracts {@code a * b + c} into an FMA, and the Vector API
 * kernel uses separate {@code mul} and {@code add}), nothing is reassociated, and no two output elements share
 * an intermediate: an element's value does not depend on the matrix sizes, the tile it fell into, the vector
 * width or the number of rows in the batch.
 *
 * <p><b>Why our own code.</b> ND4J's gemm goes to OpenBLAS, which picks its kernel from the CPU at start-up (FMA
 * or not, blocking, SIMD width), so the same run gave different losses under {@code OPENBLAS_CORETYPE=Haswell}
 * and {@code SkylakeX}; no OpenBLAS setting fixes the summation order across machines. Measured on an AMD EPYC
 * with AVX-512 for the MLP's first layer (C[32x128] = A[32x784] B[784x128]): ND4J/OpenBLAS 42-58 GFLOPS, plain
 * Java loops 4.4 GFLOPS, the Vector API kernel of {@code VectorMatMul} 96 GFLOPS with AVX-512, 63 with
 * {@code -XX:UseAVX=2}, 33 with {@code UseAVX=0}, bit-identical to the scalar loops under every setting.
 *
 * <p>{@link #selected()} gives the Vector API kernel when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (the launcher, the tests and child JVMs do) and the scalar one
 * otherwise or when the system property {@code chainfl.kernels=scalar} is set. Both give the same bits, so the
 * choice changes speed only. Instances are stateless and thread-safe.
 */
public abstract class MatMul {
    /** The system property that forces the scalar kernels ({@code scalar}); any other value means "the fastest". */
    public static final String PROPERTY = "chainfl.kernels";
    static final String VECTOR_MODULE = "jdk.incubator.vector";

    private static final MatMul SCALAR = new ScalarMatMul();
    private static volatile MatMul vector;

    MatMul() {}

    /** The kernels to use now: the Vector API ones when the module is in the boot layer, unless the property says scalar. */
    public static MatMul selected() {
        if ("scalar".equals(System.getProperty(PROPERTY)) || !vectorModulePresent()) {
            return SCALAR;
        }
        return vector();
    }

    /** The plain-loop kernels, always available. */
    public static MatMul scalar() {
        return SCALAR;
    }

    /**
     * Which kernels {@link #selected()} gives in this JVM and why, for a run's provenance: the vector description, or
     * {@code scalar} with its reason (forced by the property, or the JVM lacks the module).
     */
    public static String selectedDescription() {
        MatMul kernels = selected();
        if (kernels != SCALAR) {
            return kernels.description();
        }
        return SCALAR.description() + ("scalar".equals(System.getProperty(PROPERTY)) ? " (forced by -D" + PROPERTY + "=scalar)"
                : " (the JVM runs without --add-modules " + VECTOR_MODULE + ")");
    }

    /** Whether this JVM can run the Vector API kernels. */
    public static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /**
     * Loaded by name, so that a JVM without the incubator module never links the class that uses it.
     *
     * @throws IllegalStateException when the module is absent
     */
    static MatMul vector() {
        MatMul loaded = vector;
        if (loaded == null) {
            if (!vectorModulePresent()) {
                throw new IllegalStateException("the JVM was started without --add-modules " + VECTOR_MODULE);
            }
            try {
                loaded = (MatMul) Class.forName(MatMul.class.getPackageName() + ".VectorMatMul").getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot load the Vector API kernels", e);
            }
            vector = loaded;
        }
        return loaded;
    }

    /**
     * A short description for benchmarks, logs and a run's invocation.json, e.g. {@code vector (Vector API FloatVector,
     * 512-bit, 16 float lanes)} or {@code scalar}.
     */
    public abstract String description();

    /** {@code C[m x n] += A[m x k] B[k x n]}. */
    public final void multiply(float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset, int m, int n, int k) {
        requireSlice(a, aOffset, (long) m * k, "A");
        requireSlice(b, bOffset, (long) k * n, "B");
        requireSlice(c, cOffset, (long) m * n, "C");
        multiplyAdd(a, aOffset, k, 1, b, bOffset, c, cOffset, m, n, k);
    }

    /** {@code C[m x n] += A^T B} where A is stored {@code k x m} and B {@code k x n}. */
    public final void multiplyTransposedA(float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset, int m, int n, int k) {
        requireSlice(a, aOffset, (long) k * m, "A");
        requireSlice(b, bOffset, (long) k * n, "B");
        requireSlice(c, cOffset, (long) m * n, "C");
        multiplyAdd(a, aOffset, 1, m, b, bOffset, c, cOffset, m, n, k);
    }

    /**
     * {@code C[m x n] += A B^T} where A is stored {@code m x k} and B {@code n x k}. B is first transposed into
     * {@code scratch} (at least {@code k * n} floats), so the inner loop still runs along contiguous output
     * columns: a dot product per element would need a horizontal vector sum, whose order depends on the width.
     */
    public final void multiplyTransposedB(float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset, int m, int n, int k,
                                          float[] scratch) {
        requireSlice(a, aOffset, (long) m * k, "A");
        requireSlice(b, bOffset, (long) n * k, "B");
        requireSlice(c, cOffset, (long) m * n, "C");
        requireSlice(scratch, 0, (long) k * n, "scratch");
        transpose(b, bOffset, n, k, scratch);
        multiplyAdd(a, aOffset, k, 1, scratch, 0, c, cOffset, m, n, k);
    }

    /**
     * Writes the {@code rows x columns} matrix at {@code offset} of {@code source} transposed into {@code target}, in
     * square blocks so that both sides stay in cache (a 1960 x 128 weight matrix, the CNN head's, is transposed on
     * every step). Copies only: no arithmetic, so the order is free.
     */
    private static void transpose(float[] source, int offset, int rows, int columns, float[] target) {
        final int block = 16;
        for (int rowStart = 0; rowStart < rows; rowStart += block) {
            int rowEnd = Math.min(rows, rowStart + block);
            for (int columnStart = 0; columnStart < columns; columnStart += block) {
                int columnEnd = Math.min(columns, columnStart + block);
                for (int row = rowStart; row < rowEnd; row++) {
                    int from = offset + row * columns;
                    for (int column = columnStart; column < columnEnd; column++) {
                        target[column * rows + row] = source[from + column];
                    }
                }
            }
        }
    }

    /**
     * The kernel: {@code C[i][j] += A(i, p) * B[p][j]} for p ascending, where {@code A(i, p) =
     * a[aOffset + i * aRowStride + p * aColumnStride]} (so one kernel serves A and A^T), B is {@code k x n} and C
     * {@code m x n}, both contiguous. Arguments are already checked.
     */
    abstract void multiplyAdd(float[] a, int aOffset, int aRowStride, int aColumnStride, float[] b, int bOffset,
                              float[] c, int cOffset, int m, int n, int k);

    private static void requireSlice(float[] array, int offset, long length, String what) {
        if (offset < 0 || offset + length > array.length) {
            throw new IllegalArgumentException(what + ": " + length + " values from offset " + offset + " do not fit an array of " + array.length);
        }
    }
}
