package io.chainfl.agents.ledger;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.chainfl.agents.CborSerializable;
import io.chainfl.ledger.DanKu;
import io.chainfl.ledger.Ledger;
import java.util.Arrays;
import java.util.List;

/**
 * A call of the DanKu market contract ({@link DanKu}), sent to the ledger service wrapped in
 * {@link ContractCall.Market}: kept in its own file so the market's calls do not crowd the shared contracts'.
 * Arrays are lists here: messages are immutable records.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "danku")
@JsonSubTypes({
    @JsonSubTypes.Type(value = DanKuCall.Credit.class, name = "credit"),
    @JsonSubTypes.Type(value = DanKuCall.Create.class, name = "create"),
    @JsonSubTypes.Type(value = DanKuCall.RevealTraining.class, name = "reveal_training"),
    @JsonSubTypes.Type(value = DanKuCall.Submit.class, name = "submit"),
    @JsonSubTypes.Type(value = DanKuCall.Commit.class, name = "commit"),
    @JsonSubTypes.Type(value = DanKuCall.OpenModel.class, name = "open_model"),
    @JsonSubTypes.Type(value = DanKuCall.RevealTest.class, name = "reveal_test"),
    @JsonSubTypes.Type(value = DanKuCall.Finalize.class, name = "finalize"),
    @JsonSubTypes.Type(value = DanKuCall.Balance.class, name = "balance"),
    @JsonSubTypes.Type(value = DanKuCall.TestStart.class, name = "test_start"),
    @JsonSubTypes.Type(value = DanKuCall.Correct.class, name = "correct"),
    @JsonSubTypes.Type(value = DanKuCall.PostedModel.class, name = "posted_model")
})
public sealed interface DanKuCall extends CborSerializable {
    CallResult applyTo(DanKu danku);

    default boolean view() {
        return false;
    }

    private static short[] shorts(List<Short> values) {
        short[] out = new short[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private static int[] ints(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    record Credit(String account, long amount) implements DanKuCall {
        public CallResult applyTo(DanKu d) {
            return new CallResult.Receipt(d.credit(account, amount));
        }
    }

    record Create(long market, String organizer, long reward, List<String> groupHashesHex, DanKu.Terms terms) implements DanKuCall {
        public Create {
            groupHashesHex = List.copyOf(groupHashesHex);
        }

        public CallResult applyTo(DanKu d) {
            return new CallResult.Receipt(d.create(market, organizer, reward,
                    groupHashesHex.stream().map(java.util.HexFormat.of()::parseHex).toList(), terms));
        }
    }

    record RevealTraining(long market, int group, List<Byte> salt, List<Short> rows) implements DanKuCall {
        public RevealTraining {
            salt = List.copyOf(salt);
            rows = List.copyOf(rows);
        }

        public CallResult applyTo(DanKu d) {
            return new CallResult.Receipt(d.revealTraining(market, group, bytes(salt), shorts(rows)));
        }
    }

    record Submit(long market, String submitter, List<Integer> weights, long nowMillis) implements DanKuCall {
        public Submit {
            weights = List.copyOf(weights);
        }

        public CallResult applyTo(DanKu d) {
            return new CallResult.Receipt(d.submit(market, submitter, ints(weights), nowMillis).receipt());
        }
    }

    record Commit(long market, String submitter, List<Byte> commitment, long nowMillis) implements DanKuCall {
        public Commit {
            commitment = List.copyOf(commitment);
        }

        public CallResult applyTo(DanKu d) {
            return new CallResult.Receipt(d.commit(market, submitter, bytes(commitment), nowMillis).receipt());
        }
    }

    record OpenModel(long market, int index, List<Byte> salt, List<Integer> weights, long nowMillis) implements DanKuCall {
        public OpenModel {
            salt = List.copyOf(salt);
            weights = List.copyOf(weights);
        }

        public CallResult applyTo(DanKu d) {
            return new CallResult.Receipt(d.openModel(market, index, bytes(salt), ints(weights), nowMillis));
        }
    }

    record RevealTest(long market, int group, List<Byte> salt, List<Short> rows, long nowMillis) implements DanKuCall {
        public RevealTest {
            salt = List.copyOf(salt);
            rows = List.copyOf(rows);
        }

        public CallResult applyTo(DanKu d) {
            return new CallResult.Receipt(d.revealTest(market, group, bytes(salt), shorts(rows), nowMillis));
        }
    }

    record Finalize(long market, long nowMillis) implements DanKuCall {
        public CallResult applyTo(DanKu d) {
            return new CallResult.Receipt(d.finalizeMarket(market, nowMillis));
        }
    }

    record Balance(String account) implements DanKuCall {
        public boolean view() {
            return true;
        }

        public CallResult applyTo(DanKu d) {
            return new CallResult.Value(d.balanceOf(account));
        }
    }

    record TestStart(long market) implements DanKuCall {
        public boolean view() {
            return true;
        }

        public CallResult applyTo(DanKu d) {
            return new CallResult.Value(d.testStartOf(market));
        }
    }

    record Correct(long market, int index) implements DanKuCall {
        public boolean view() {
            return true;
        }

        public CallResult applyTo(DanKu d) {
            return new CallResult.Value(d.correctOf(market, index));
        }
    }

    /** A posted model's weights (empty until opened): public chain state, what a copier reads. */
    record PostedModel(long market, int index) implements DanKuCall {
        public boolean view() {
            return true;
        }

        public CallResult applyTo(DanKu d) {
            return new CallResult.Weights(Arrays.stream(d.weightsOf(market, index)).boxed().toList());
        }
    }

    static byte[] bytes(List<Byte> values) {
        byte[] out = new byte[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    /** Applies the call to the ledger's market contract. */
    static CallResult run(DanKuCall call, Ledger ledger) {
        return call.applyTo(ledger.danku());
    }
}
