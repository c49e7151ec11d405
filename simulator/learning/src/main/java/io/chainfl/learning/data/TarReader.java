package io.chainfl.learning.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Pulls regular files out of an npm tarball with Apache Commons Compress (ustar prefixes, pax and GNU long names). */
public final class TarReader {
    private TarReader() {}

    /** Reads the wanted regular files of a tar stream, gzip-compressed or not (detected by magic bytes). */
    public static Map<String, byte[]> readFiles(InputStream in, Predicate<String> wanted) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(MaybeGzip.decompressIfGzipped(in))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (!entry.isFile() || !wanted.test(entry.getName())) {
                    continue;
                }
                if (entry.getSize() > Integer.MAX_VALUE - 8) {
                    throw new IOException("tar entry " + entry.getName() + " too large: " + entry.getSize());
                }
                byte[] content = tar.readNBytes((int) entry.getSize());
                if (content.length != entry.getSize()) {
                    throw new EOFException("tar entry " + entry.getName() + " truncated");
                }
                files.put(entry.getName(), content);
            }
        }
        return files;
    }
}
