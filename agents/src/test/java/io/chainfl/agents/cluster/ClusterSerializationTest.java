package io.chainfl.agents.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.agents.ParticipantActor;
import io.chainfl.agents.deepchain.DeepChainMessages;
import io.chainfl.agents.ledger.CallResult;
import io.chainfl.agents.ledger.ContractCall;
import io.chainfl.agents.ledger.LedgerMessages;
import io.chainfl.agents.seccl.SecclMessages;
import io.chainfl.agents.sum.SumAgentActor;
import io.chainfl.ledger.ElectionResult;
import io.chainfl.ledger.LedgerEntry;
import io.chainfl.ledger.LedgerEvent;
import io.chainfl.ledger.LedgerStats;
import io.chainfl.ledger.TxReceipt;
import io.chainfl.learning.aggregation.SparseUpdate;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
        TestProbe<MemberHost.Joined> replies = testKit.createTestProbe();
        TestProbe<MemberHost.EntityStarted> book = testKit.createTestProbe();
        MemberHost.Join join = new MemberHost.Join("abc", book.ref(), replies.ref());
        assertEquals(join, roundTrip(join));
        assertEquals(new MemberHost.Joined("127.0.0.1:2552", null), roundTrip(new MemberHost.Joined("127.0.0.1:2552", null)));
        assertEquals(new MemberHost.Joined("h:1", "different config"), roundTrip(new MemberHost.Joined("h:1", "different config")));
        assertEquals(new MemberHost.EntityStarted("party", 7, "h:1"), roundTrip(new MemberHost.EntityStarted("party", 7, "h:1")));
    }

    @Test
    void ledgerServiceProtocolSurvives() {
        TestProbe<LedgerMessages.Sealed> sealedProbe = testKit.createTestProbe();
        TestProbe<LedgerMessages.RecordedHashes> hashesProbe = testKit.createTestProbe();
        TestProbe<LedgerMessages.Events> eventsProbe = testKit.createTestProbe();
        TestProbe<LedgerMessages.Stats> statsProbe = testKit.createTestProbe();
        byte[] hash = new byte[32];
        for (int i = 0; i < hash.length; i++) {
            hash[i] = (byte) (i * 37 - 128);
        }
        LedgerEntry entry = new LedgerEntry(7, "participant-3", "upload", hash, 4_000);
        LedgerMessages.Submit submit = roundTrip(new LedgerMessages.Submit(List.of(new LedgerMessages.Transaction(3, entry))));
        assertEquals(entry, submit.transactions().get(0).entry(), "the hash survives byte for byte");
        assertEquals(3, submit.transactions().get(0).orderKey());
        assertEquals(sealedProbe.ref(), roundTrip(new LedgerMessages.Seal(sealedProbe.ref())).replyTo());
        LedgerMessages.Sealed sealed = new LedgerMessages.Sealed(List.of(
                new LedgerMessages.Outcome(7, "participant-3", "upload", new TxReceipt("0xab", 4, 51_000, 12_000), null),
                new LedgerMessages.Outcome(7, "participant-3", "upload", null, "already posted")), new LedgerStats(1, 3, 4_000, 0, 10_000),
                new LedgerStats(2, 4, 8_000, 51_000, 12_000));
        assertEquals(sealed, roundTrip(sealed));
        // contract calls and their outcomes are polymorphic lists: each kind must come back as itself
        TestProbe<LedgerMessages.Called> calledProbe = testKit.createTestProbe();
        List<ContractCall> calls = List.of(new ContractCall.PostHash(entry), new ContractCall.OpenElection(7, 2, List.of(2L, 1L)),
                new ContractCall.CastBallot(7, 1, List.of(2, 3), List.of(900_000L, 100_000L)), new ContractCall.Tally(7),
                new ContractCall.Mint("bounty-provider", 1_000), new ContractCall.Deposit("participant-3", 50, 86_400_000L),
                new ContractCall.Refund(4, 90_000_000L), new ContractCall.Take(4, List.of("participant-1", "participant-2"), List.of(1L, 3L)),
                new ContractCall.PostGradient(7, "party-2", hash), new ContractCall.SealBlocks(), new ContractCall.BalanceOf("participant-3"),
                new ContractCall.Escrowed());
        LedgerMessages.Call call = roundTrip(new LedgerMessages.Call(calls, calledProbe.ref()));
        assertEquals(calls, call.calls());
        assertEquals(calledProbe.ref(), call.replyTo());
        TxReceipt receipt = new TxReceipt("0xab", 4, 51_000, 12_000);
        LedgerMessages.Called called = new LedgerMessages.Called(List.of(new CallResult.Receipt(receipt),
                new CallResult.Tallied(new ElectionResult(7, List.of(3, 1), new TreeMap<>(Map.of(1, 4L, 3, 6L)), receipt)),
                new CallResult.Deposited(4, receipt), new CallResult.Value(950), new CallResult.Done(),
                new CallResult.Reverted("Escrow", "locked")), LedgerStats.EMPTY, new LedgerStats(2, 4, 8_000, 51_000, 12_000));
        assertEquals(called, roundTrip(called));
        LedgerMessages.QueryHashes query = new LedgerMessages.QueryHashes(7, "upload", List.of("participant-1", "participant-3"), hashesProbe.ref());
        assertEquals(query, roundTrip(query));
        LedgerMessages.RecordedHashes recorded = new LedgerMessages.RecordedHashes(7, "upload", List.of(new LedgerMessages.RecordedHash("participant-3", hash)));
        assertEquals(recorded, roundTrip(recorded));
        assertArrayEquals(hash, roundTrip(recorded).hashOf("participant-3").orElseThrow());
        SecclMessages.BoardRead read = roundTrip(new SecclMessages.BoardRead(recorded));
        assertEquals(recorded, read.hashes());
        assertEquals(eventsProbe.ref(), roundTrip(new LedgerMessages.QueryEvents(eventsProbe.ref())).replyTo());
        LedgerMessages.Events events = new LedgerMessages.Events(List.of(new LedgerEvent("BulletinBoard", "Posted", List.of("7", "0x01"), 4)));
        assertEquals(events, roundTrip(events));
        assertEquals(statsProbe.ref(), roundTrip(new LedgerMessages.QueryStats(statsProbe.ref())).replyTo());
        LedgerMessages.Stats stats = new LedgerMessages.Stats(new LedgerStats(1, 2, 3, 4, 5), true);
        assertEquals(stats, roundTrip(stats));
    }

    /** DanKu's market calls travel inside ContractCall.Market; each kind, and the weights view's answer, comes back as itself. */
    @Test
    void dankuMarketCallsSurvive() {
        TestProbe<LedgerMessages.Called> calledProbe = testKit.createTestProbe();
        List<Byte> salt = List.of((byte) -1, (byte) 0, (byte) 127);
        List<ContractCall> calls = java.util.stream.Stream.<io.chainfl.agents.ledger.DanKuCall>of(
                new io.chainfl.agents.ledger.DanKuCall.Credit("organizer", 1_000),
                new io.chainfl.agents.ledger.DanKuCall.Create(1, "organizer", 600, List.of("00ff", "ab01"),
                        new io.chainfl.ledger.DanKu.Terms(1, 2, 2, 500_000, 100, 200, true)),
                new io.chainfl.agents.ledger.DanKuCall.RevealTraining(1, 0, salt, List.of((short) -5, (short) 10, (short) 1)),
                new io.chainfl.agents.ledger.DanKuCall.Submit(1, "submitter-0", List.of(-3, 4, Integer.MIN_VALUE), 10),
                new io.chainfl.agents.ledger.DanKuCall.Commit(1, "submitter-1", salt, 11),
                new io.chainfl.agents.ledger.DanKuCall.OpenModel(1, 1, salt, List.of(1, 2, 3), 100),
                new io.chainfl.agents.ledger.DanKuCall.RevealTest(1, 1, salt, List.of((short) 0, (short) 0, (short) 1), 100),
                new io.chainfl.agents.ledger.DanKuCall.Finalize(1, 150), new io.chainfl.agents.ledger.DanKuCall.Balance("organizer"),
                new io.chainfl.agents.ledger.DanKuCall.TestStart(1), new io.chainfl.agents.ledger.DanKuCall.Correct(1, 0),
                new io.chainfl.agents.ledger.DanKuCall.PostedModel(1, 0)).<ContractCall>map(ContractCall.Market::new).toList();
        assertEquals(calls, roundTrip(new LedgerMessages.Call(calls, calledProbe.ref())).calls());
        List<ContractCall> rewards = java.util.stream.Stream.<io.chainfl.agents.ledger.RewardPoolCall>of(
                new io.chainfl.agents.ledger.RewardPoolCall.Credit("task-owner", 1_000),
                new io.chainfl.agents.ledger.RewardPoolCall.Open(1, "task-owner", 900, 3),
                new io.chainfl.agents.ledger.RewardPoolCall.Pay(1, 1, List.of("participant-0", "participant-1"), List.of(0L, Long.MAX_VALUE)),
                new io.chainfl.agents.ledger.RewardPoolCall.Close(1),
                new io.chainfl.agents.ledger.RewardPoolCall.Balance("participant-0")).<ContractCall>map(ContractCall.Rewards::new).toList();
        assertEquals(rewards, roundTrip(new LedgerMessages.Call(rewards, calledProbe.ref())).calls());
        LedgerMessages.Called called = new LedgerMessages.Called(List.of(new CallResult.Weights(List.of(-7, 0, 7)),
                new CallResult.Reverted("DanKu", "too late")), LedgerStats.EMPTY, LedgerStats.EMPTY);
        assertEquals(called, roundTrip(called));
    }

    /** What the SecCL server and its participants exchange when the participants live on other members. */
    @Test
    void secclProtocolSurvives() {
        TestProbe<SecclMessages.Upload> uploads = testKit.createTestProbe();
        TestProbe<SecclMessages.Ballot> ballots = testKit.createTestProbe();
        TestProbe<ParticipantActor.Failed> failures = testKit.createTestProbe();
        TestProbe<LedgerMessages.Command> board = testKit.createTestProbe();
        float[] global = {0.5f, -0f, 1e-45f, -7.25f};
        SparseUpdate update = new SparseUpdate(new int[] {0, 3}, new float[] {0.1f, -2.5f});

        SecclMessages.TrainAndUpload train = roundTrip(new SecclMessages.TrainAndUpload(4, global, uploads.ref(), failures.ref(), 2));
        assertEquals(List.of(4, 2), List.of(train.round(), train.attempt()));
        assertArrayEquals(global, train.globalParams());
        assertEquals(List.of(uploads.ref(), failures.ref()), List.of(train.replyTo(), train.failedTo()));

        SecclMessages.Upload upload = roundTrip(new SecclMessages.Upload(3, 4, update, 0.1 + 0.2, 120, 2));
        assertArrayEquals(update.indices(), upload.update().indices());
        assertArrayEquals(update.values(), upload.update().values());
        assertArrayEquals(update.hash(), upload.update().hash(), "the relayed upload still matches the hash on the board");
        assertEquals(Double.doubleToRawLongBits(0.1 + 0.2), Double.doubleToRawLongBits(upload.trainLoss()));

        SecclMessages.Evaluate evaluate = roundTrip(new SecclMessages.Evaluate(4, global, List.of(new SecclMessages.Relayed(1, update, "0xab")),
                List.of(1, 3, 5), board.ref(), ballots.ref(), failures.ref(), 1));
        assertEquals(board.ref(), evaluate.board(), "the ledger service's reference reaches a participant on another member");
        assertEquals(List.of(1, 3, 5), evaluate.roster());
        assertEquals("0xab", evaluate.relays().get(0).txId());
        assertArrayEquals(update.hash(), evaluate.relays().get(0).update().hash());
        assertEquals(ballots.ref(), evaluate.replyTo());

        SecclMessages.Ballot ballot = new SecclMessages.Ballot(3, 4, new java.util.TreeMap<>(java.util.Map.of(1, 0.25, 5, 1.0 / 3)),
                List.of(new SecclMessages.Detection(3, 7, "hash mismatch")), 1);
        SecclMessages.Ballot back = roundTrip(ballot);
        assertEquals(ballot.scores(), back.scores());
        assertEquals(ballot.detections(), back.detections());
        assertEquals(List.of(3, 4, 1), List.of(back.voter(), back.round(), back.attempt()));
        assertEquals(new SecclMessages.Passivate(), roundTrip(new SecclMessages.Passivate()));
        assertEquals(new ParticipantActor.Failed(3, 4, 2, "boom"), roundTrip(new ParticipantActor.Failed(3, 4, 2, "boom")));
    }

    /** DeepChain's steps and answers carry ciphertexts (bytes), decryption shares (big integers) and the model vector. */
    @Test
    void deepChainProtocolSurvives() {
        TestProbe<DeepChainMessages.Submission> submissions = testKit.createTestProbe();
        TestProbe<DeepChainMessages.SharesReady> shares = testKit.createTestProbe();
        TestProbe<DeepChainMessages.Aggregated> aggregates = testKit.createTestProbe();
        TestProbe<ParticipantActor.Failed> failures = testKit.createTestProbe();
        float[] vector = {0f, -0f, 0.1f, -7.25f, Float.MIN_NORMAL};
        byte[] payload = new byte[300];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31 - 128);
        }
        DeepChainMessages.TrainAndEncrypt train = roundTrip(new DeepChainMessages.TrainAndEncrypt(2, vector, submissions.ref(), failures.ref(), 2));
        assertEquals(List.of(2, 2), List.of(train.round(), train.attempt()));
        assertEquals(List.of(submissions.ref(), failures.ref()), List.of(train.replyTo(), train.failedTo()));
        for (int i = 0; i < vector.length; i++) {
            assertEquals(Float.floatToIntBits(vector[i]), Float.floatToIntBits(train.globalParams()[i]), "element " + i);
        }
        DeepChainMessages.DecryptShares decrypt = roundTrip(new DeepChainMessages.DecryptShares(3, payload, shares.ref(), failures.ref(), 1));
        assertArrayEquals(payload, decrypt.aggregate());
        assertEquals(shares.ref(), decrypt.replyTo());
        DeepChainMessages.Submission submission = roundTrip(new DeepChainMessages.Submission(1, 3, payload, 0.1 + 0.2, 120, 1.5, 2.5, 2));
        assertArrayEquals(payload, submission.payload());
        assertEquals(Double.doubleToRawLongBits(0.1 + 0.2), Double.doubleToRawLongBits(submission.trainLoss()));
        assertEquals(List.of(1, 3, 120, 2), List.of(submission.party(), submission.round(), submission.samples(), submission.attempt()));
        assertEquals(null, roundTrip(new DeepChainMessages.Submission(2, 3, null, Double.NaN, 0, 0, 0)).payload(), "a silent party's empty transaction");
        BigInteger[] values = {BigInteger.ZERO, BigInteger.ONE.shiftLeft(1023).add(BigInteger.valueOf(12345)), new BigInteger(1, payload)};
        assertArrayEquals(values, roundTrip(new DeepChainMessages.SharesReady(0, 3, values, 4.0, 1)).shares());
        DeepChainMessages.Aggregate aggregate = roundTrip(new DeepChainMessages.Aggregate(3, List.of(payload, new byte[] {1, 2}), aggregates.ref()));
        assertArrayEquals(payload, aggregate.payloads().get(0));
        assertArrayEquals(new byte[] {1, 2}, aggregate.payloads().get(1));
        assertEquals(aggregates.ref(), aggregate.replyTo());
        assertArrayEquals(payload, roundTrip(new DeepChainMessages.Aggregated(1, 3, payload, 9.0)).aggregate());
        assertEquals(null, roundTrip(new DeepChainMessages.Aggregated(3, 3, null, 0)).aggregate(), "a lazy worker's empty aggregate");
        ParticipantActor.Failed failed = new ParticipantActor.Failed(2, 3, 1, "java.lang.IllegalStateException: no key share");
        assertEquals(failed, roundTrip(failed));
    }

    /** A SUM agent's whole state travels in its turn's question and answer: generator states and the accuracy bit for bit. */
    @Test
    void sumAgentTurnsSurviveBitForBit() {
        TestProbe<SumAgentActor.Decision> probe = testKit.createTestProbe();
        SumAgentActor.Draws draws = new SumAgentActor.Draws(Long.MIN_VALUE + 7, 0x9e3779b97f4a7c15L);
        SumAgentActor.Decide decide = new SumAgentActor.Decide(draws, true, 1, 0.1 + 0.2, probe.ref());
        SumAgentActor.Decide back = roundTrip(decide);
        assertEquals(decide, back);
        assertEquals(Double.doubleToRawLongBits(0.1 + 0.2), Double.doubleToRawLongBits(back.accuracy()));
        SumAgentActor.Decision decision = new SumAgentActor.Decision(0, true, 53, draws, 599_000, new SumAgentActor.Draws(-1L, 0x9e3779b97f4a7c15L));
        assertEquals(decision, roundTrip(decision));
    }
}
