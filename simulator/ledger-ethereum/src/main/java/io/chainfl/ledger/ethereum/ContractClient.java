package io.chainfl.ledger.ethereum;

import io.chainfl.ledger.TxReceipt;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** One deployed contract: sends its functions as transactions and calls its views. */
final class ContractClient {
    private final String name;
    private final String address;
    private final Rpc rpc;
    private final TxSender sender;
    private final ChainLog chainLog;
    private final EventDecoder events;

    ContractClient(String name, String address, Rpc rpc, TxSender sender, ChainLog chainLog, EventDecoder events) {
        this.name = name;
        this.address = address;
        this.rpc = rpc;
        this.sender = sender;
        this.chainLog = chainLog;
        this.events = events;
    }

    String name() {
        return name;
    }

    String address() {
        return address;
    }

    /** Sends the call with an explicit gas limit (a reverting call is still mined in interval mode). */
    TransactionReceipt transact(Function function, long gasLimit) {
        return sender.await(sender.submit(name, address, FunctionEncoder.encode(function), BigInteger.valueOf(gasLimit), true));
    }

    /** Sends without waiting (the benchmark's open loop); {@link TxSender#await} completes it. */
    TxSender.Sent submit(Function function, long gasLimit) {
        return sender.submit(name, address, FunctionEncoder.encode(function), BigInteger.valueOf(gasLimit), true);
    }

    @SuppressWarnings("rawtypes")
    List<Type> view(Function function) {
        return Calls.view(rpc, sender.address(), name, address, function);
    }

    TxReceipt receipt(TransactionReceipt r) {
        long block = r.getBlockNumber().longValue();
        return new TxReceipt(r.getTransactionHash(), block, r.getGasUsed().longValue(), chainLog.includedAtMillis(r.getTransactionHash()));
    }

    /** The first event of this contract named {@code event} in the receipt, decoded. */
    Optional<List<String>> event(TransactionReceipt r, String event) {
        for (Log log : r.getLogs()) {
            Optional<io.chainfl.ledger.LedgerEvent> decoded = events.decode(log);
            if (decoded.isPresent() && decoded.get().contract().equals(name) && decoded.get().name().equals(event)) {
                return Optional.of(decoded.get().args());
            }
        }
        return Optional.empty();
    }
}
