package io.chainfl.ledger.ethereum;

import java.math.BigInteger;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthBlock;

/**
 * The legacy gas price offered: twice the larger of eth_gasPrice and the head's base fee (so a burst of
 * transactions survives a few base-fee rises), refreshed at most once a second.
 */
final class GasPrice {
    private static final long REFRESH_NANOS = 1_000_000_000L;

    private final Rpc rpc;
    private BigInteger price;
    private long fetchedAt;

    GasPrice(Rpc rpc) {
        this.rpc = rpc;
    }

    synchronized BigInteger current() {
        long now = System.nanoTime();
        if (price == null || now - fetchedAt > REFRESH_NANOS) {
            BigInteger quoted = rpc.sendOrThrow("eth_gasPrice", rpc.web3j().ethGasPrice()).getGasPrice();
            EthBlock.Block head = rpc.sendOrThrow("eth_getBlockByNumber",
                    rpc.web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)).getBlock();
            BigInteger baseFee = head == null || head.getBaseFeePerGasRaw() == null ? BigInteger.ZERO : head.getBaseFeePerGas();
            price = quoted.max(baseFee).shiftLeft(1);
            fetchedAt = now;
        }
        return price;
    }
}
