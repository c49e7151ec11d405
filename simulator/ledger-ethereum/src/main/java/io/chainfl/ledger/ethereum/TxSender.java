package io.chainfl.ledger.ethereum;

import io.chainfl.engine.UserError;
import io.chainfl.ledger.LedgerRevertException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Signs and sends the operator's transactions: one local nonce sequence, sent strictly in order under a
 * lock (a dev node rejects gaps), then waits for receipts found by a {@link ReceiptPoller}. A revert
 * surfaces as {@link LedgerRevertException}, whether the node reports it when the transaction is sent
 * (instant mining) or mines it with status 0 (interval mining: the call is replayed to read the reason).
 */
final class TxSender implements AutoCloseable {
    /** A transaction sent and not yet known to be mined. */
    record Sent(String hash, String contract, String to, String data, BigInteger gasLimit, boolean counted,
                long sentNanos, CompletableFuture<TransactionReceipt> receipt, java.util.concurrent.atomic.AtomicLong found) {
        /** When the receipt was found (System.nanoTime), 0 before. */
        long receiptFoundNanos() {
            return found.get();
        }
    }

    private final Rpc rpc;
    private final Credentials credentials;
    private final long chainId;
    private final long timeoutMs;
    private final ChainLog chainLog;
    private final GasPrice gasPrice;
    private final Map<String, Sent> pending = new ConcurrentHashMap<>();
    private final ReceiptPoller poller;
    private final Object sendLock = new Object();
    private BigInteger nonce;

    TxSender(Rpc rpc, Credentials credentials, long chainId, int pollIntervalMs, int timeoutMs, ChainLog chainLog) {
        this.rpc = rpc;
        this.credentials = credentials;
        this.chainId = chainId;
        this.timeoutMs = timeoutMs;
        this.chainLog = chainLog;
        this.gasPrice = new GasPrice(rpc);
        this.nonce = pendingNonce();
        this.poller = new ReceiptPoller(rpc, pending, pollIntervalMs);
    }

    String address() {
        return credentials.getAddress();
    }

    /** Signs and sends; {@code to == null} deploys {@code data} as init code. */
    Sent submit(String contract, String to, String data, BigInteger gasLimit, boolean counted) {
        synchronized (sendLock) {
            BigInteger price = gasPrice.current();
            RawTransaction raw = to == null
                    ? RawTransaction.createContractTransaction(nonce, price, gasLimit, BigInteger.ZERO, data)
                    : RawTransaction.createTransaction(nonce, price, gasLimit, to, BigInteger.ZERO, data);
            String signed = Numeric.toHexString(TransactionEncoder.signMessage(raw, chainId, credentials));
            String hash = Hash.sha3(signed);
            Sent sent = new Sent(hash, contract, to, data, gasLimit, counted, System.nanoTime(), new CompletableFuture<>(),
                    new java.util.concurrent.atomic.AtomicLong());
            pending.put(hash, sent);
            EthSendTransaction response = rpc.send("eth_sendRawTransaction", rpc.web3j().ethSendRawTransaction(signed));
            if (response.hasError() && !(alreadyKnown(response.getError().getMessage()) && exists(hash))) {
                pending.remove(hash);
                nonce = pendingNonce(); // a node may have mined the failed transaction (Hardhat does when auto-mining)
                throw rejected(contract, response.getError());
            }
            nonce = nonce.add(BigInteger.ONE);
            poller.wake();
            return sent;
        }
    }

    /** Waits for the receipt; a status-0 receipt becomes a {@link LedgerRevertException} with the reason. */
    TransactionReceipt await(Sent sent) {
        if (!sent.receipt().isDone()) {
            poller.checkNow(sent); // instant mining: the receipt is usually there already
        }
        TransactionReceipt receipt;
        try {
            receipt = sent.receipt().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new UserError("transaction " + sent.hash() + " to " + sent.contract() + " was not mined within "
                    + timeoutMs + " ms by the Ethereum node at " + rpc.url() + "; is it mining? (or raise ledger.ethereum.timeout_ms)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + sent.hash(), e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        if (!receipt.isStatusOK()) {
            throw new LedgerRevertException(sent.contract(), replayReason(sent, receipt));
        }
        if (sent.counted()) {
            chainLog.record(new MinedTx(sent.hash(), receipt.getBlockNumber().longValue(), receipt.getBlockHash(),
                    receipt.getGasUsed().longValue(), Numeric.hexStringToByteArray(sent.data()).length));
        }
        return receipt;
    }

    /** Waits for every transaction still pending (sent by any thread); their failures are their senders'. */
    void awaitAll() {
        List<Sent> snapshot = new ArrayList<>(pending.values());
        for (Sent sent : snapshot) {
            try {
                sent.receipt().get(timeoutMs, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                // reported to the thread that sent it
            }
        }
    }

    private String replayReason(Sent sent, TransactionReceipt receipt) {
        long block = receipt.getBlockNumber().longValue();
        for (long at = block; at >= Math.max(0, block - 1); at--) {
            Optional<String> reason = Calls.revertReason(rpc, address(), sent.to(), sent.data(), sent.gasLimit(), at);
            if (reason.isPresent()) {
                return reason.get();
            }
        }
        if (receipt.getGasUsed().equals(sent.gasLimit())) {
            return "out of gas (gas limit " + sent.gasLimit() + ")";
        }
        return Optional.ofNullable(receipt.getRevertReason()).orElse("reverted without a reason");
    }

    private RuntimeException rejected(String contract, org.web3j.protocol.core.Response.Error error) {
        String message = error.getMessage();
        if (message != null && message.toLowerCase(java.util.Locale.ROOT).contains("insufficient funds")) {
            return new UserError("account " + address() + " cannot pay for gas on the Ethereum node at " + rpc.url()
                    + " (insufficient funds): fund it or set ledger.ethereum.private_key to a funded account");
        }
        Optional<String> reason = RevertReasons.of(error);
        if (reason.isPresent()) {
            return new LedgerRevertException(contract, reason.get());
        }
        return new IllegalStateException("the Ethereum node at " + rpc.url() + " rejected a transaction to " + contract + ": " + message);
    }

    private static boolean alreadyKnown(String message) {
        String m = String.valueOf(message).toLowerCase(java.util.Locale.ROOT);
        return m.contains("already known") || m.contains("known transaction") || m.contains("nonce too low");
    }

    private boolean exists(String hash) {
        return rpc.send("eth_getTransactionByHash", rpc.web3j().ethGetTransactionByHash(hash)).getTransaction().isPresent();
    }

    private BigInteger pendingNonce() {
        return rpc.sendOrThrow("eth_getTransactionCount",
                rpc.web3j().ethGetTransactionCount(address(), DefaultBlockParameterName.PENDING)).getTransactionCount();
    }

    @Override
    public void close() {
        poller.close();
    }
}
