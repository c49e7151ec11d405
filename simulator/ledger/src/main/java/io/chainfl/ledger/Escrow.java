package io.chainfl.ledger;

import java.util.List;

/**
 * Deposits in a ledger currency (internal balances, not ether), for SUM's deposit/refund/take and
 * DeepChain's forfeits. Accounts are names ("participant-3", "bounty-provider"). The simulation passes its
 * virtual time {@code nowMillis} explicitly (a mock clock, as in the SUM reference simulation), so the same
 * rules run on a dev node whose clock cannot be moved. Money is conserved: balances + escrow only change
 * through {@link #mint}.
 * Reverts: "insufficient balance", "no deposit", "already settled", "locked", "length mismatch", "zero weight".
 */
public interface Escrow {
    /** Credits new currency to an account (set-up only). */
    TxReceipt mint(String account, long amount);

    /** Moves {@code amount} from the account's balance into a new deposit refundable from {@code unlockAtMillis}. */
    DepositReceipt deposit(String account, long amount, long unlockAtMillis);

    /** Returns a deposit to its owner; only once, and not before its unlock time. */
    TxReceipt refund(long depositId, long nowMillis);

    /**
     * Splits a deposit among {@code takers} proportionally to {@code weights} (floor division; the remainder
     * goes to the first taker), e.g. SUM's take by good-data holders or DeepChain's forfeit to honest parties.
     */
    TxReceipt take(long depositId, List<String> takers, List<Long> weights);

    long balanceOf(String account);

    /** Sum of all unsettled deposits. */
    long escrowed();

    record DepositReceipt(long depositId, TxReceipt receipt) {}
}
