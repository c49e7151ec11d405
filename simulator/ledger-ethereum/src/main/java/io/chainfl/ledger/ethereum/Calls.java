package io.chainfl.ledger.ethereum;

import io.chainfl.ledger.LedgerRevertException;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;

/** Read-only calls (eth_call): contract views, and replays of mined reverted transactions for their reason. */
final class Calls {
    private Calls() {}

    static List<Type> view(Rpc rpc, String from, String contract, String address, Function function) {
        Transaction tx = Transaction.createEthCallTransaction(from, address, FunctionEncoder.encode(function));
        EthCall result = rpc.send("eth_call", rpc.web3j().ethCall(tx, DefaultBlockParameterName.LATEST));
        if (result.hasError()) {
            Optional<String> reason = RevertReasons.of(result.getError());
            if (reason.isPresent()) {
                throw new LedgerRevertException(contract, reason.get());
            }
            throw new IllegalStateException("eth_call " + contract + "." + function.getName() + " failed on "
                    + rpc.url() + ": " + result.getError().getMessage());
        }
        return FunctionReturnDecoder.decode(result.getValue(), function.getOutputParameters());
    }

    /** Replays a transaction as eth_call on the state after {@code block}: its revert reason, if it reverts. */
    static Optional<String> revertReason(Rpc rpc, String from, String to, String data, BigInteger gas, long block) {
        Transaction tx = new Transaction(from, null, null, gas, to, BigInteger.ZERO, data);
        EthCall result = rpc.send("eth_call", rpc.web3j().ethCall(tx, DefaultBlockParameter.valueOf(BigInteger.valueOf(block))));
        if (result.hasError()) {
            return RevertReasons.of(result.getError());
        }
        String value = result.getValue();
        return value == null ? Optional.empty() : RevertReasons.fromReturnData(value);
    }
}
