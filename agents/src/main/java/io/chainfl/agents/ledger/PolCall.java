package io.chainfl.agents.ledger;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.chainfl.agents.CborSerializable;
import io.chainfl.ledger.ProofOfLearning;
import java.util.List;

/**
 * A call of the Proof-of-Learning task contract ({@link ProofOfLearning}), sent to the ledger service wrapped in
 * {@link ContractCall.Pol}, in a file of its own as DanKu's and RewardPool's calls are.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "pol")
@JsonSubTypes({
    @JsonSubTypes.Type(value = PolCall.Credit.class, name = "credit"),
    @JsonSubTypes.Type(value = PolCall.PostTask.class, name = "post"),
    @JsonSubTypes.Type(value = PolCall.Submit.class, name = "submit"),
    @JsonSubTypes.Type(value = PolCall.Rank.class, name = "rank"),
    @JsonSubTypes.Type(value = PolCall.Finalize.class, name = "finalize"),
    @JsonSubTypes.Type(value = PolCall.Balance.class, name = "balance"),
    @JsonSubTypes.Type(value = PolCall.Winner.class, name = "winner"),
    @JsonSubTypes.Type(value = PolCall.Held.class, name = "held"),
    @JsonSubTypes.Type(value = PolCall.Minted.class, name = "minted")
})
public sealed interface PolCall extends CborSerializable {
    CallResult applyTo(ProofOfLearning pol);

    default boolean view() {
        return false;
    }

    /** New currency for the supplier (set-up only). */
    record Credit(String account, long amount) implements PolCall {
        public CallResult applyTo(ProofOfLearning pol) {
            return new CallResult.Receipt(pol.credit(account, amount));
        }
    }

    /** The supplier posts a task, escrowing its fee and the committee's fees; the committee is seated. */
    record PostTask(long task, String supplier, long fee, long validatorFee, long blockReward, List<String> validators) implements PolCall {
        public PostTask {
            validators = List.copyOf(validators);
        }

        public CallResult applyTo(ProofOfLearning pol) {
            return new CallResult.Receipt(pol.postTask(task, supplier, fee, validatorFee, blockReward, validators));
        }
    }

    /** A trainer's model hash. */
    record Submit(long task, String trainer, List<Byte> modelHash) implements PolCall {
        public Submit {
            modelHash = List.copyOf(modelHash);
        }

        public CallResult applyTo(ProofOfLearning pol) {
            byte[] hash = new byte[modelHash.size()];
            for (int i = 0; i < hash.length; i++) {
                hash[i] = modelHash.get(i);
            }
            return new CallResult.Receipt(pol.submit(task, trainer, hash));
        }
    }

    /** A committee member's ranking, best first. */
    record Rank(long task, String validator, List<Integer> order) implements PolCall {
        public Rank {
            order = List.copyOf(order);
        }

        public CallResult applyTo(ProofOfLearning pol) {
            return new CallResult.Receipt(pol.rank(task, validator, order));
        }
    }

    /** Pays the winner and closes the task. */
    record Finalize(long task) implements PolCall {
        public CallResult applyTo(ProofOfLearning pol) {
            return new CallResult.Receipt(pol.finalizeTask(task));
        }
    }

    /** An account's balance (a view). */
    record Balance(String account) implements PolCall {
        @Override
        public boolean view() {
            return true;
        }

        public CallResult applyTo(ProofOfLearning pol) {
            return new CallResult.Value(pol.balanceOf(account));
        }
    }

    /** The winning submission's index, -1 before finalize (a view). */
    record Winner(long task) implements PolCall {
        @Override
        public boolean view() {
            return true;
        }

        public CallResult applyTo(ProofOfLearning pol) {
            return new CallResult.Value(pol.winnerOf(task));
        }
    }

    /** What open tasks hold in escrow (a view). */
    record Held() implements PolCall {
        @Override
        public boolean view() {
            return true;
        }

        public CallResult applyTo(ProofOfLearning pol) {
            return new CallResult.Value(pol.held());
        }
    }

    /** Block rewards minted so far (a view). */
    record Minted() implements PolCall {
        @Override
        public boolean view() {
            return true;
        }

        public CallResult applyTo(ProofOfLearning pol) {
            return new CallResult.Value(pol.minted());
        }
    }
}
