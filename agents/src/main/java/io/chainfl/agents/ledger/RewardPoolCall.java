package io.chainfl.agents.ledger;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.chainfl.agents.CborSerializable;
import io.chainfl.ledger.RewardPool;
import java.util.List;

/**
 * A call of the contribution-reward escrow ({@link RewardPool}), sent to the ledger service wrapped in
 * {@link ContractCall.Rewards}, in a file of its own as DanKu's calls are.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "pool")
@JsonSubTypes({
    @JsonSubTypes.Type(value = RewardPoolCall.Credit.class, name = "credit"),
    @JsonSubTypes.Type(value = RewardPoolCall.Open.class, name = "open"),
    @JsonSubTypes.Type(value = RewardPoolCall.Pay.class, name = "pay"),
    @JsonSubTypes.Type(value = RewardPoolCall.Close.class, name = "close"),
    @JsonSubTypes.Type(value = RewardPoolCall.Balance.class, name = "balance")
})
public sealed interface RewardPoolCall extends CborSerializable {
    CallResult applyTo(RewardPool pool);

    default boolean view() {
        return false;
    }

    /** New currency for the task owner (set-up only). */
    record Credit(String account, long amount) implements RewardPoolCall {
        public CallResult applyTo(RewardPool pool) {
            return new CallResult.Receipt(pool.credit(account, amount));
        }
    }

    /** The task owner escrows the reward for {@code rounds} rounds. */
    record Open(long pool, String owner, long amount, int rounds) implements RewardPoolCall {
        public CallResult applyTo(RewardPool p) {
            return new CallResult.Receipt(p.open(pool, owner, amount, rounds));
        }
    }

    /** A round's shares: the contract pays the round's budget in proportion. */
    record Pay(long pool, int round, List<String> accounts, List<Long> shares) implements RewardPoolCall {
        public Pay {
            accounts = List.copyOf(accounts);
            shares = List.copyOf(shares);
        }

        public CallResult applyTo(RewardPool p) {
            return new CallResult.Receipt(p.pay(pool, round, accounts, shares));
        }
    }

    /** After the last round: the remainder back to the owner. */
    record Close(long pool) implements RewardPoolCall {
        public CallResult applyTo(RewardPool p) {
            return new CallResult.Receipt(p.close(pool));
        }
    }

    /** An account's balance in the pool's currency (a view). */
    record Balance(String account) implements RewardPoolCall {
        @Override
        public boolean view() {
            return true;
        }

        public CallResult applyTo(RewardPool pool) {
            return new CallResult.Value(pool.balanceOf(account));
        }
    }
}
