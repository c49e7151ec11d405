package io.chainfl.engine.config;

public record OutputConfig(
        @Doc("parent directory of run folders (a run goes to DIR/NAME-seedSEED unless --out is given)") String dir,
        @Doc("write the accuracy chart (PNG and SVG)") Boolean charts) {

    public OutputConfig {
        dir = dir == null ? "runs" : dir;
        charts = charts == null ? Boolean.TRUE : charts;
    }

    public static OutputConfig defaults() {
        return new OutputConfig(null, null);
    }
}
