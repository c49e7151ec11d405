package io.chainfl.ledger.ethereum;

import io.chainfl.engine.UserError;
import java.math.BigInteger;
import java.util.regex.Pattern;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** Deploys a compiled contract, or checks that a configured address holds code and attaches to it. */
final class Deployer {
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    private final Rpc rpc;
    private final TxSender sender;

    Deployer(Rpc rpc, TxSender sender) {
        this.rpc = rpc;
        this.sender = sender;
    }

    /** The contract's address: {@code configured} if set (after checking it holds code), else a new deployment. */
    String deployOrAttach(ContractArtifact artifact, String configured, String configKey) {
        if (configured != null && !configured.isBlank()) {
            return attach(configured.trim(), configKey);
        }
        return deploy(artifact);
    }

    String deploy(ContractArtifact artifact) {
        Transaction estimate = Transaction.createContractTransaction(sender.address(), null, null, artifact.bytecode());
        EthEstimateGas gas = rpc.sendOrThrow("eth_estimateGas", rpc.web3j().ethEstimateGas(estimate));
        BigInteger limit = gas.getAmountUsed().multiply(BigInteger.valueOf(5)).divide(BigInteger.valueOf(4));
        TransactionReceipt receipt = sender.await(sender.submit(artifact.name(), null, artifact.bytecode(), limit, false));
        return receipt.getContractAddress();
    }

    private String attach(String address, String configKey) {
        if (!ADDRESS.matcher(address).matches()) {
            throw new UserError(configKey + ": '" + address + "' is not an address (0x + 40 hex digits); fix it or unset it to deploy a new contract");
        }
        String code = rpc.sendOrThrow("eth_getCode", rpc.web3j().ethGetCode(address, DefaultBlockParameterName.LATEST)).getCode();
        if (code == null || code.equals("0x") || code.isEmpty()) {
            throw new UserError(configKey + ": no contract at " + address + " on the Ethereum node at " + rpc.url()
                    + "; deploy it there or unset the key to deploy a new one");
        }
        return address;
    }
}
