package io.chainfl.cli;

/** Version strings recorded with every run so a result names what produced it. */
final class Versions {
    private Versions() {}

    static String chainfl() {
        String v = Versions.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }
}
