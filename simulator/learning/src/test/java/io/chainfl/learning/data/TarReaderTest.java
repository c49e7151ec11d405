package io.chainfl.learning.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class TarReaderTest {

    @Test
    void readsWantedRegularFilesFromGzippedTar() throws Exception {
        byte[] big = new byte[1300]; // spans three blocks with padding
        Arrays.fill(big, (byte) 7);
        byte[] tar = tar(
                entry("package/", "", '5', new byte[0]),
                entry("package/a.json", "", '0', "{\"data\":[1]}".getBytes(StandardCharsets.UTF_8)),
                entry("b.bin", "package/deep", '0', big),
                entry("package/skip.txt", "", '0', "x".getBytes(StandardCharsets.UTF_8)));
        Map<String, byte[]> files = TarReader.readFiles(new ByteArrayInputStream(gzip(tar)), n -> !n.endsWith(".txt"));
        assertEquals(2, files.size(), files.keySet().toString());
        assertArrayEquals("{\"data\":[1]}".getBytes(StandardCharsets.UTF_8), files.get("package/a.json"));
        assertArrayEquals(big, files.get("package/deep/b.bin"), "ustar prefix joined to the name");
    }

    @Test
    void readsUncompressedTarToo() throws Exception {
        byte[] tar = tar(entry("x", "", '0', new byte[] {1, 2, 3}));
        assertArrayEquals(new byte[] {1, 2, 3}, TarReader.readFiles(new ByteArrayInputStream(tar), n -> true).get("x"));
    }

    @Test
    void truncatedEntryIsAnError() throws Exception {
        byte[] tar = tar(entry("x", "", '0', new byte[1000]));
        byte[] cut = Arrays.copyOf(tar, 512 + 100);
        assertThrows(java.io.IOException.class, () -> TarReader.readFiles(new ByteArrayInputStream(cut), n -> true));
    }

    /** One ustar header plus padded content. */
    static byte[] entry(String name, String prefix, char type, byte[] content) {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 124, String.format("%011o", content.length));
        header[156] = (byte) type;
        put(header, 257, "ustar");
        put(header, 263, "00");
        put(header, 345, prefix);
        Arrays.fill(header, 148, 156, (byte) ' ');
        int checksum = 0;
        for (byte b : header) {
            checksum += b & 0xff;
        }
        put(header, 148, String.format("%06o", checksum));
        int padded = (content.length + 511) / 512 * 512;
        byte[] out = Arrays.copyOf(header, 512 + padded);
        System.arraycopy(content, 0, out, 512, content.length);
        return out;
    }

    static byte[] tar(byte[]... entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] e : entries) {
            out.writeBytes(e);
        }
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    static byte[] gzip(byte[] bytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static void put(byte[] block, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, block, offset, bytes.length);
    }
}
