package io.chainfl.learning.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Just enough of a tar reader to pull regular files out of an npm tarball without a new dependency:
 * 512-byte header blocks, NUL-terminated name (0..100) with the ustar prefix (345..500), octal size (124..136).
 * Link, directory and pax/GNU extension entries are skipped; paths longer than ustar allows are not needed here.
 */
public final class TarReader {
    private static final int BLOCK = 512;

    private TarReader() {}

    /** Reads the wanted regular files of a tar stream, gzip-compressed or not (detected by magic bytes). */
    public static Map<String, byte[]> readFiles(InputStream in, Predicate<String> wanted) throws IOException {
        InputStream tar = MaybeGzip.decompressIfGzipped(in);
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] header = new byte[BLOCK];
        while (readBlock(tar, header)) {
            if (isAllZero(header)) {
                break; // end-of-archive marker
            }
            String name = entryName(header);
            long size = parseOctal(header, 124, 12);
            char type = (char) header[156];
            boolean regularFile = type == '0' || type == '\0';
            long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
            if (regularFile && wanted.test(name)) {
                if (size > Integer.MAX_VALUE - 8) {
                    throw new IOException("tar entry " + name + " too large: " + size);
                }
                byte[] content = tar.readNBytes((int) size);
                if (content.length != size) {
                    throw new EOFException("tar entry " + name + " truncated");
                }
                files.put(name, content);
                skipFully(tar, padded - size);
            } else {
                skipFully(tar, padded);
            }
        }
        return files;
    }

    private static String entryName(byte[] header) {
        String name = cString(header, 0, 100);
        boolean ustar = cString(header, 257, 6).startsWith("ustar");
        String prefix = ustar ? cString(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String cString(byte[] block, int offset, int length) {
        int end = offset;
        while (end < offset + length && block[end] != 0) {
            end++;
        }
        return new String(block, offset, end - offset, StandardCharsets.UTF_8);
    }

    static long parseOctal(byte[] block, int offset, int length) throws IOException {
        if ((block[offset] & 0x80) != 0) {
            throw new IOException("base-256 tar sizes are not supported");
        }
        long value = 0;
        for (int i = offset; i < offset + length; i++) {
            byte b = block[i];
            if (b == 0 || b == ' ') {
                if (value > 0) {
                    break;
                }
                continue; // leading padding
            }
            if (b < '0' || b > '7') {
                throw new IOException("bad octal digit in tar header: " + (char) b);
            }
            value = value * 8 + (b - '0');
        }
        return value;
    }

    private static boolean readBlock(InputStream in, byte[] block) throws IOException {
        int read = in.readNBytes(block, 0, BLOCK);
        if (read == 0) {
            return false; // some writers omit the end-of-archive blocks
        }
        if (read != BLOCK) {
            throw new EOFException("tar stream ends inside a header block");
        }
        return true;
    }

    private static boolean isAllZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static void skipFully(InputStream in, long bytes) throws IOException {
        long left = bytes;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("tar stream ends inside an entry");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }
}
