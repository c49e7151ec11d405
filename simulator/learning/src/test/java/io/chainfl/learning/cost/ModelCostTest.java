package io.chainfl.learning.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chainfl.engine.config.CnnConfig;
import io.chainfl.engine.config.ModelConfig;
import io.chainfl.engine.config.ModelType;
import io.chainfl.learning.data.ImageShape;
import io.chainfl.learning.model.ModelFactory;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** FLOPs and sizes computed by hand for the three model types on 28x28 digits, 10 classes. */
class ModelCostTest {
    private static final ImageShape DIGIT = new ImageShape(1, 28, 28);

    @Test
    void softmax784To10() {
        ModelCost cost = ModelCost.of(new ModelConfig(ModelType.SOFTMAX, null, null), 784, DIGIT, 10);
        assertEquals(784 * 10 + 10, cost.parameters());
        assertEquals(2 * 784 * 10, cost.forwardFlopsPerSample()); // 15,680
        assertEquals(47_040, cost.trainFlopsPerSample(), "forward + backward = 3 x 15,680");
        assertEquals(47_040L * 1_000, cost.trainFlops(1_000));
        assertEquals(15_680L * 500, cost.evaluationFlops(500));
        assertEquals(31_400, cost.modelBytes());
    }

    @Test
    void mlp784To128To10() {
        ModelCost cost = ModelCost.of(new ModelConfig(ModelType.MLP, List.of(128), null), 784, DIGIT, 10);
        assertEquals(101_770, cost.parameters(), "784*128+128 + 128*10+10");
        assertEquals(203_264, cost.forwardFlopsPerSample(), "2*(784*128 + 128*10)");
        assertEquals(609_792, cost.trainFlopsPerSample());
        assertEquals(407_080, cost.modelBytes());
    }

    @Test
    void defaultCnn() {
        // conv 1->10 3x3 same on 28x28: 2*1*9 per pixel per filter, 784 pixels, 10 filters = 141,120;
        // pool 2 -> 10x14x14 = 1,960; dense 1960->128: 501,760; 128->10: 2,560
        ModelCost cost = ModelCost.of(new ModelConfig(ModelType.CNN, null, null), 784, DIGIT, 10);
        assertEquals(141_120 + 501_760 + 2_560, cost.forwardFlopsPerSample());
        assertEquals(3L * 645_440, cost.trainFlopsPerSample());
        assertEquals(10 * 9 + 10 + 1960 * 128 + 128 + 128 * 10 + 10, cost.parameters());
    }

    @Test
    void twoConvLayersChainChannelsAndPooledSizes() {
        // conv 1->4 5x5 on 28x28: 2*25*4*784 = 156,800; pool 2 -> 4x14x14; conv 4->8 5x5: 2*4*25*8*196 = 313,600;
        // pool 2 -> 8x7x7 = 392; dense 392->10: 7,840
        CnnConfig cnn = new CnnConfig(List.of(4, 8), 5, 2, List.of());
        ModelCost cost = ModelCost.of(new ModelConfig(ModelType.CNN, null, cnn), 784, DIGIT, 10);
        assertEquals(156_800 + 313_600 + 7_840, cost.forwardFlopsPerSample());
        assertEquals(4 * 25 + 4 + 8 * 4 * 25 + 8 + 392 * 10 + 10, cost.parameters());
    }

    @Test
    void parameterCountsMatchTheBuiltModels() {
        for (ModelConfig config : List.of(new ModelConfig(ModelType.SOFTMAX, null, null), new ModelConfig(ModelType.MLP, List.of(64, 32), null),
                new ModelConfig(ModelType.CNN, null, new CnnConfig(List.of(4, 8), 3, 2, List.of(16))))) {
            long built = ModelFactory.create(config, 784, DIGIT, 10, new SplittableRandom(1)).numParams();
            assertEquals(built, ModelCost.of(config, 784, DIGIT, 10).parameters(), config.type().name());
        }
    }

    @Test
    void theCnnNeedsAnImageShape() {
        assertThrows(IllegalArgumentException.class, () -> ModelCost.of(new ModelConfig(ModelType.CNN, null, null), 784, null, 10));
    }
}
