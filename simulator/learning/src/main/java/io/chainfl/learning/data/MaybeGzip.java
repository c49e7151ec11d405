package io.chainfl.learning.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Opens data that may or may not be gzipped, judged by the gzip magic bytes because file names lie. */
public final class MaybeGzip {
    private static final int BUFFER = 1 << 16;

    private MaybeGzip() {}

    public static InputStream decompressIfGzipped(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, BUFFER);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        if (first == 0x1f && second == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(buffered, BUFFER), BUFFER);
        }
        return buffered;
    }
}
