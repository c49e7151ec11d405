package io.chainfl.agents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.config.ModelConfig;
import io.chainfl.engine.config.TrainingConfig;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.data.ParticipantData;
import io.chainfl.learning.model.ModelFactory;
import io.chainfl.engine.seed.SeedStreams;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ParticipantActorTest {
    private static final ActorTestKit testKit = ActorTestKit.create();

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    private static ParticipantData data() {
        SplittableRandom rng = new SplittableRandom(5);
        int n = 64;
        float[] x = new float[n * 4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int j = 0; j < 4; j++) {
                x[i * 4 + j] = (float) (rng.nextGaussian() + (j == y[i] ? 2 : 0));
            }
        }
        Dataset d = new Dataset("toy", x, y, 4, 3, null);
        return new ParticipantData(7, d, d);
    }

    private ParticipantActor.Trained train(int round, float[] global) {
        ActorRef<ParticipantActor.Command> participant = testKit.spawn(ParticipantActor.create(data(),
                ModelFactory.create(ModelConfig.defaults(), 4, null, 3, new SplittableRandom(1)), new TrainingConfig(0.1, 8, 1), new SeedStreams(3)));
        TestProbe<ParticipantActor.Trained> probe = testKit.createTestProbe();
        participant.tell(new ParticipantActor.Train(round, global, probe.ref()));
        return probe.receiveMessage();
    }

    @Test
    void returnsItsChangeToTheGlobalModel() {
        float[] global = new float[4 * 3 + 3];
        ParticipantActor.Trained trained = train(1, global);
        assertEquals(7, trained.participantId());
        assertEquals(1, trained.round());
        assertEquals(64, trained.samples());
        assertEquals(global.length, trained.delta().length);
        assertTrue(Double.isFinite(trained.trainLoss()));
        assertFalse(Arrays.equals(global, trained.delta()), "training changed the parameters");
    }

    @Test
    void sameRoundSameResultOtherRoundOtherShuffle() {
        float[] global = new float[4 * 3 + 3];
        assertArrayEquals(train(2, global).delta(), train(2, global).delta());
        assertFalse(Arrays.equals(train(2, global).delta(), train(3, global).delta()));
    }
}
