package io.chainfl.learning.data;

import java.util.Objects;

/** A source that ships its own test split (IDX): the training pool and the official test set. */
public record TrainTestData(Dataset train, Dataset test) {
    public TrainTestData {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
    }
}
