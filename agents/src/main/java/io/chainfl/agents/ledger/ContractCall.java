package io.chainfl.agents.ledger;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.chainfl.agents.CborSerializable;
import io.chainfl.agents.ledger.CallResult.Deposited;
import io.chainfl.agents.ledger.CallResult.Done;
import io.chainfl.agents.ledger.CallResult.Receipt;
import io.chainfl.agents.ledger.CallResult.Tallied;
import io.chainfl.agents.ledger.CallResult.Value;
import io.chainfl.ledger.Escrow;
import io.chainfl.ledger.Ledger;
import io.chainfl.ledger.LedgerEntry;
import java.util.List;
import java.util.Objects;

/**
 * One call of a contract (or of the chain itself), as a protocol sends it to the ledger service inside a
 * {@link LedgerMessages.Call}: the node executes the calls of a message in the order they come, against its backend,
 * so the contracts, the gas model and the call journal see exactly the sequence the protocol's single driver chose.
 * Each call says how it runs on a {@link Ledger}; only the node runs it (it is the single writer).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "call")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ContractCall.PostHash.class, name = "post"),
    @JsonSubTypes.Type(value = ContractCall.OpenElection.class, name = "open"),
    @JsonSubTypes.Type(value = ContractCall.CastBallot.class, name = "ballot"),
    @JsonSubTypes.Type(value = ContractCall.Tally.class, name = "tally"),
    @JsonSubTypes.Type(value = ContractCall.Mint.class, name = "mint"),
    @JsonSubTypes.Type(value = ContractCall.Deposit.class, name = "deposit"),
    @JsonSubTypes.Type(value = ContractCall.Refund.class, name = "refund"),
    @JsonSubTypes.Type(value = ContractCall.Take.class, name = "take"),
    @JsonSubTypes.Type(value = ContractCall.PostGradient.class, name = "gradient"),
    @JsonSubTypes.Type(value = ContractCall.SealBlocks.class, name = "seal"),
    @JsonSubTypes.Type(value = ContractCall.BalanceOf.class, name = "balance"),
    @JsonSubTypes.Type(value = ContractCall.Escrowed.class, name = "escrowed"),
    @JsonSubTypes.Type(value = ContractCall.Market.class, name = "danku"),
    @JsonSubTypes.Type(value = ContractCall.Rewards.class, name = "rewards"),
    @JsonSubTypes.Type(value = ContractCall.Pol.class, name = "pol")
})
public sealed interface ContractCall extends CborSerializable {
    /**
     * Runs the call on the backend. A contract's revert surfaces as {@link io.chainfl.ledger.LedgerRevertException}, which
     * the node turns into the call's {@link CallResult.Reverted} outcome.
     */
    CallResult applyTo(Ledger ledger);

    /** Whether the call only reads (no transaction, nothing changes): its answer holds until the next call that writes. */
    default boolean view() {
        return false;
    }

    /** A hash on the bulletin board ({@code BulletinBoard.post}). */
    record PostHash(LedgerEntry entry) implements ContractCall {
        public PostHash {
            Objects.requireNonNull(entry, "entry");
        }

        @Override
        public CallResult applyTo(Ledger ledger) {
            return new Receipt(ledger.bulletinBoard().post(entry));
        }
    }

    /** Opens a round's election ({@code Election.open}). */
    record OpenElection(long round, int winners, List<Long> scoringVector) implements ContractCall {
        public OpenElection {
            scoringVector = List.copyOf(scoringVector);
        }

        @Override
        public CallResult applyTo(Ledger ledger) {
            return new Receipt(ledger.election().open(round, winners, scoringVector));
        }
    }

    /** One voter's ballot: fixed-point scores for the candidates ({@code Election.castBallot}). */
    record CastBallot(long round, int voter, List<Integer> candidates, List<Long> scores) implements ContractCall {
        public CastBallot {
            candidates = List.copyOf(candidates);
            scores = List.copyOf(scores);
        }

        @Override
        public CallResult applyTo(Ledger ledger) {
            return new Receipt(ledger.election().castBallot(round, voter, candidates, scores));
        }
    }

    /** Counts a round's election ({@code Election.tally}); the outcome carries the winners. */
    record Tally(long round) implements ContractCall {
        @Override
        public CallResult applyTo(Ledger ledger) {
            return new Tallied(ledger.election().tally(round));
        }
    }

    /** New currency for an account, set-up only ({@code Escrow.mint}). */
    record Mint(String account, long amount) implements ContractCall {
        @Override
        public CallResult applyTo(Ledger ledger) {
            return new Receipt(ledger.escrow().mint(account, amount));
        }
    }

    /** A deposit refundable from {@code unlockAtMillis} ({@code Escrow.deposit}); the outcome carries its id. */
    record Deposit(String account, long amount, long unlockAtMillis) implements ContractCall {
        @Override
        public CallResult applyTo(Ledger ledger) {
            Escrow.DepositReceipt d = ledger.escrow().deposit(account, amount, unlockAtMillis);
            return new Deposited(d.depositId(), d.receipt());
        }
    }

    /** A deposit back to its owner at virtual time {@code nowMillis} ({@code Escrow.refund}). */
    record Refund(long depositId, long nowMillis) implements ContractCall {
        @Override
        public CallResult applyTo(Ledger ledger) {
            return new Receipt(ledger.escrow().refund(depositId, nowMillis));
        }
    }

    /** A deposit split among takers by weight ({@code Escrow.take}). */
    record Take(long depositId, List<String> takers, List<Long> weights) implements ContractCall {
        public Take {
            takers = List.copyOf(takers);
            weights = List.copyOf(weights);
        }

        @Override
        public CallResult applyTo(Ledger ledger) {
            return new Receipt(ledger.escrow().take(depositId, takers, weights));
        }
    }

    /** A payload posted as calldata ({@code GradientExchange.post}). */
    record PostGradient(long round, String sender, byte[] payload) implements ContractCall {
        public PostGradient {
            Objects.requireNonNull(sender, "sender");
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PostGradient p && round == p.round && sender.equals(p.sender) && java.util.Arrays.equals(payload, p.payload);
        }

        @Override
        public int hashCode() {
            return Objects.hash(round, sender) * 31 + java.util.Arrays.hashCode(payload);
        }

        @Override
        public CallResult applyTo(Ledger ledger) {
            return new Receipt(ledger.gradientExchange().post(round, sender, payload));
        }
    }

    /** Waits until every transaction so far is in a block ({@code Ledger.seal}: the simulated chain advances virtual time). */
    record SealBlocks() implements ContractCall {
        @Override
        public CallResult applyTo(Ledger ledger) {
            ledger.seal();
            return new Done();
        }
    }

    /** An account's balance (a view: no transaction). */
    record BalanceOf(String account) implements ContractCall {
        @Override
        public boolean view() {
            return true;
        }

        @Override
        public CallResult applyTo(Ledger ledger) {
            return new Value(ledger.escrow().balanceOf(account));
        }
    }

    /** The sum of all unsettled deposits (a view: no transaction). */
    record Escrowed() implements ContractCall {
        @Override
        public boolean view() {
            return true;
        }

        @Override
        public CallResult applyTo(Ledger ledger) {
            return new Value(ledger.escrow().escrowed());
        }
    }

    /** A call of the DanKu market contract (its calls: {@link DanKuCall}). */
    record Market(DanKuCall call) implements ContractCall {
        @Override
        public boolean view() {
            return call.view();
        }

        @Override
        public CallResult applyTo(Ledger ledger) {
            return DanKuCall.run(call, ledger);
        }
    }

    /** A call of the contribution-reward escrow (its calls: {@link RewardPoolCall}). */
    record Rewards(RewardPoolCall call) implements ContractCall {
        @Override
        public boolean view() {
            return call.view();
        }

        @Override
        public CallResult applyTo(Ledger ledger) {
            return call.applyTo(ledger.rewardPool());
        }
    }

    /** A call of the Proof-of-Learning task contract (its calls: {@link PolCall}). */
    record Pol(PolCall call) implements ContractCall {
        @Override
        public boolean view() {
            return call.view();
        }

        @Override
        public CallResult applyTo(Ledger ledger) {
            return call.applyTo(ledger.proofOfLearning());
        }
    }
}
