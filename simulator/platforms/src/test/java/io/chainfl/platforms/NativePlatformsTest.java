package io.chainfl.platforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The natives `chainfl bench`'s ND4J column needs, for every platform chainfl builds on, as this module's build
 * resolved them from Maven Central: each jar is on the class path and holds the JNI library of its platform,
 * built for that platform's CPU (read from the ELF or Mach-O header, so a jar that holds another platform's
 * library, or none, fails). A jar the build could not fetch fails the build before this test; one missing from
 * the class path for another reason fails here, by name.
 */
class NativePlatformsTest {

    /** JavaCPP's platform names, with what their JNI libraries must be. */
    enum Platform {
        LINUX_X86_64("linux-x86_64", "so", Binary.ELF, 62),
        LINUX_ARM64("linux-arm64", "so", Binary.ELF, 183),
        MACOSX_X86_64("macosx-x86_64", "dylib", Binary.MACH_O, 0x01000007),
        MACOSX_ARM64("macosx-arm64", "dylib", Binary.MACH_O, 0x0100000C);

        final String javacppName;
        final String extension;
        final Binary binary;
        /** ELF e_machine (EM_X86_64 62, EM_AARCH64 183) or Mach-O cputype (CPU_TYPE_X86_64, CPU_TYPE_ARM64). */
        final int machine;

        Platform(String javacppName, String extension, Binary binary, int machine) {
            this.javacppName = javacppName;
            this.extension = extension;
            this.binary = binary;
            this.machine = machine;
        }
    }

    enum Binary { ELF, MACH_O }

    /** An artifact's jar name prefix and the JNI library it must hold, under its package folder and platform. */
    private record Native(String coordinates, String jarPrefix, String folder, String library) {}

    private static final List<Native> NATIVES = List.of(
            new Native("org.nd4j:nd4j-native", "nd4j-native-", "org/nd4j/linalg/cpu/nativecpu/bindings", "jnind4jcpu"),
            new Native("org.bytedeco:openblas", "openblas-", "org/bytedeco/openblas", "jniopenblas_nolapack"),
            new Native("org.bytedeco:javacpp", "javacpp-", "org/bytedeco/javacpp", "jnijavacpp"));

    @ParameterizedTest
    @EnumSource(Platform.class)
    void everyNativeJarOfThePlatformHoldsItsJniLibraryForItsCpu(Platform platform) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Native n : NATIVES) {
            Optional<File> jar = classPathJar(n.jarPrefix(), "-" + platform.javacppName + ".jar");
            if (jar.isEmpty()) {
                problems.add(n.coordinates() + ":" + platform.javacppName + " is not on the class path: the build did not resolve it"
                        + " (run once online so Maven fetches it from Maven Central)");
                continue;
            }
            String entryName = n.folder() + "/" + platform.javacppName + "/lib" + n.library() + "." + platform.extension;
            try (JarFile file = new JarFile(jar.get())) {
                JarEntry entry = file.getJarEntry(entryName);
                if (entry == null) {
                    problems.add(jar.get().getName() + " has no " + entryName);
                    continue;
                }
                try (InputStream in = file.getInputStream(entry)) {
                    int machine = machineOf(in.readNBytes(64), platform.binary);
                    if (machine != platform.machine) {
                        problems.add(entryName + " in " + jar.get().getName() + " is built for machine 0x" + Integer.toHexString(machine)
                                + ", not 0x" + Integer.toHexString(platform.machine));
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            fail(platform.javacppName + ": " + String.join("; ", problems));
        }
    }

    @ParameterizedTest
    @EnumSource(Platform.class)
    void theHeaderReaderTellsTheArchitecturesApart(Platform platform) {
        // the check above can fail: a header of the platform's binary format with another machine is refused
        byte[] header = new byte[64];
        ByteBuffer buffer = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        if (platform.binary == Binary.ELF) {
            buffer.put(0, (byte) 0x7F).put(1, (byte) 'E').put(2, (byte) 'L').put(3, (byte) 'F').putShort(18, (short) platform.machine);
        } else {
            buffer.putInt(0, 0xFEEDFACF).putInt(4, platform.machine);
        }
        assertEquals(platform.machine, machineOf(header, platform.binary));
        assertTrue(Arrays.stream(Platform.values()).filter(p -> p.binary == platform.binary && p != platform)
                .allMatch(other -> other.machine != machineOf(header, platform.binary)));
    }

    private static int machineOf(byte[] header, Binary binary) {
        ByteBuffer buffer = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        if (binary == Binary.ELF) {
            if (header.length < 20 || header[0] != 0x7F || header[1] != 'E' || header[2] != 'L' || header[3] != 'F') {
                return -1;
            }
            return Short.toUnsignedInt(buffer.getShort(18));
        }
        // 64-bit Mach-O, little-endian as on both Mac CPUs: magic 0xFEEDFACF, then cputype
        if (header.length < 8 || buffer.getInt(0) != 0xFEEDFACF) {
            return -1;
        }
        return buffer.getInt(4);
    }

    private static Optional<File> classPathJar(String prefix, String suffix) {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(File::new)
                .filter(f -> f.getName().startsWith(prefix) && f.getName().endsWith(suffix))
                .findFirst();
    }
}
