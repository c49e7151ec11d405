package io.chainfl.engine.config;

public record TrainingConfig(
        @Doc("SGD learning rate") @Range(min = 0, max = 100, exclusiveMin = true) Double lr,
        @Doc("mini-batch size") @Range(min = 1, max = 100000) Integer batchSize,
        @Doc("local epochs over the participant's training split per round") @Range(min = 1, max = 1000) Integer localEpochs) {

    public TrainingConfig {
        lr = lr == null ? 0.1 : lr;
        batchSize = batchSize == null ? 32 : batchSize;
        localEpochs = localEpochs == null ? 1 : localEpochs;
    }

    public static TrainingConfig defaults() {
        return new TrainingConfig(null, null, null);
    }
}
