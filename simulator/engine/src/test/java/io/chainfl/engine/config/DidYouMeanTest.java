package io.chainfl.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {
    @Test
    void distanceIsLevenshtein() {
        assertEquals(3, DidYouMean.distance("kitten", "sitting"));
        assertEquals(0, DidYouMean.distance("lr", "lr"));
    }

    @Test
    void suggestsOnlyNearMisses() {
        assertEquals(Optional.of("local_epochs"), DidYouMean.closest("local_epoch", List.of("lr", "batch_size", "local_epochs")));
        assertEquals(Optional.empty(), DidYouMean.closest("completely_different", List.of("lr", "batch_size")));
    }
}
