package io.chainfl.cli;

/** Version strings recorded with every run so a result names what produced it. */
final class Versions {
    private Versions() {}

    static String pekko() {
        return org.apache.pekko.Version.current();
    }

    /** The CPU's model name (Linux), else the architecture: results do not depend on it, a reader may still ask. */
    static String cpu() {
        java.nio.file.Path cpuinfo = java.nio.file.Path.of("/proc/cpuinfo");
        try {
            if (java.nio.file.Files.isReadable(cpuinfo)) {
                for (String line : java.nio.file.Files.readAllLines(cpuinfo)) {
                    if (line.startsWith("model name")) {
                        return line.substring(line.indexOf(':') + 1).strip() + " (" + System.getProperty("os.arch") + ", "
                                + Runtime.getRuntime().availableProcessors() + " cores)";
                    }
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // fall through to the architecture alone
        }
        return System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " cores";
    }

    /** The build's version, from a resource Maven filters, so a jar and a test class path record the same one. */
    static String chainfl() {
        try (java.io.InputStream in = Versions.class.getResourceAsStream("chainfl-version.properties")) {
            if (in != null) {
                java.util.Properties properties = new java.util.Properties();
                properties.load(in);
                return properties.getProperty("version", "dev");
            }
        } catch (java.io.IOException e) {
            // fall through: an unreadable resource leaves the version unknown, as a class path without it does
        }
        String v = Versions.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }
}
