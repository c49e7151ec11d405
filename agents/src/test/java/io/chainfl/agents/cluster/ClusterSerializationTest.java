package io.chainfl.agents.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.agents.ParticipantActor;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.apache.pekko.serialization.jackson.JacksonCborSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Every message that crosses JVMs in a clustered run survives Jackson CBOR bit for bit, actor references included. */
class ClusterSerializationTest {
    private static final ActorTestKit testKit = ActorTestKit.create("chainfl",
            new ClusterSettings("127.0.0.1", 0, List.of(), List.of(ClusterSettings.PARTICIPANTS_ROLE)).config(1, 7850));

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T message) {
        Serialization serialization = SerializationExtension.get(Adapter.toClassic(testKit.system()));
        Serializer serializer = serialization.findSerializerFor(message);
        assertTrue(serializer instanceof JacksonCborSerializer, message.getClass() + " uses " + serializer);
        byte[] bytes = serialization.serialize(message).get();
        return (T) serialization.deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, message)).get();
    }

    @Test
    void modelVectorsAndReferencesSurviveBitForBit() {
        TestProbe<ParticipantActor.Trained> probe = testKit.createTestProbe();
        float[] vector = {0f, -0f, 1e-45f, Float.MIN_NORMAL, 3.4028235e38f, 0.1f, Float.NaN, Float.intBitsToFloat(0x7fc00001), -7.25f};
        ParticipantActor.Train train = roundTrip(new ParticipantActor.Train(3, vector, probe.ref()));
        assertEquals(3, train.round());
        assertEquals(probe.ref(), train.replyTo());
        assertEquals(vector.length, train.globalParams().length);
        for (int i = 0; i < vector.length; i++) {
            // floatToIntBits tells -0 from 0 and keeps every finite bit; NaN payloads are not model values
            assertEquals(Float.floatToIntBits(vector[i]), Float.floatToIntBits(train.globalParams()[i]), "element " + i);
        }
        ParticipantActor.Trained trained = roundTrip(new ParticipantActor.Trained(5, 3, vector, 120, 0.1 + 0.2, 12.5));
        assertArrayEquals(new int[] {5, 3, 120}, new int[] {trained.participantId(), trained.round(), trained.samples()});
        assertEquals(Double.doubleToRawLongBits(0.1 + 0.2), Double.doubleToRawLongBits(trained.trainLoss()));
    }

    @Test
    void hostProtocolSurvives() {
        TestProbe<ParticipantHost.Spawned> replies = testKit.createTestProbe();
        TestProbe<ParticipantActor.Command> participant = testKit.createTestProbe();
        ParticipantHost.Spawn spawn = roundTrip(new ParticipantHost.Spawn("abc", List.of(1, 4, 7), replies.ref()));
        assertEquals(new ParticipantHost.Spawn("abc", List.of(1, 4, 7), replies.ref()), spawn);
        ParticipantHost.Spawned spawned = new ParticipantHost.Spawned("host", List.of(new ParticipantHost.Placed(4, participant.ref())), null);
        assertEquals(spawned, roundTrip(spawned));
        assertEquals(new ParticipantHost.StopAll("abc"), roundTrip(new ParticipantHost.StopAll("abc")));
    }
}
