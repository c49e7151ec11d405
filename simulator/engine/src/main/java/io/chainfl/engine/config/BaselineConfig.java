package io.chainfl.engine.config;

public record BaselineConfig(
        @Doc("also train the same model centrally on the union of all participants' data, round by round")
        Boolean centralized) {

    public BaselineConfig {
        centralized = centralized == null ? Boolean.TRUE : centralized;
    }

    public static BaselineConfig defaults() {
        return new BaselineConfig(null);
    }
}
