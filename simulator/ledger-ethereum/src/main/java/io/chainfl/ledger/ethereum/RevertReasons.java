package io.chainfl.ledger.ethereum;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.Response;

/**
 * Extracts a Solidity revert reason from what a node reports: ABI-encoded {@code Error(string)} /
 * {@code Panic(uint256)} return data (Besu, Geth, Hardhat's error data) or the reason quoted in the message
 * (Hardhat: "reverted with reason string 'x'", Geth: "execution reverted: x").
 */
final class RevertReasons {
    private static final String ERROR_SELECTOR = "08c379a0";
    private static final String PANIC_SELECTOR = "4e487b71";
    private static final Pattern ENCODED = Pattern.compile("0x(" + ERROR_SELECTOR + "|" + PANIC_SELECTOR + ")([0-9a-fA-F]*)");
    private static final Pattern HARDHAT = Pattern.compile("reverted with reason string '(.*)'", Pattern.DOTALL);
    private static final Pattern HARDHAT_PANIC = Pattern.compile("reverted with panic code (0x[0-9a-fA-F]+)");
    private static final Pattern GETH = Pattern.compile("execution reverted: (.+)", Pattern.DOTALL);
    private static final Pattern BARE = Pattern.compile("(?i)(transaction reverted without a reason|execution reverted|VM Exception|reverted)");

    private RevertReasons() {}

    /** The reason if the RPC error is a revert, empty if it is some other error. */
    static Optional<String> of(Response.Error error) {
        if (error == null) {
            return Optional.empty();
        }
        String text = error.getMessage() + " " + (error.getData() == null ? "" : error.getData());
        Optional<String> encoded = fromReturnData(text);
        if (encoded.isPresent()) {
            return encoded;
        }
        Matcher m = HARDHAT.matcher(error.getMessage());
        if (m.find()) {
            return Optional.of(m.group(1));
        }
        m = HARDHAT_PANIC.matcher(error.getMessage());
        if (m.find()) {
            return Optional.of("panic " + m.group(1));
        }
        m = GETH.matcher(error.getMessage());
        if (m.find()) {
            return Optional.of(m.group(1).trim());
        }
        return BARE.matcher(error.getMessage()).find() ? Optional.of("reverted without a reason") : Optional.empty();
    }

    /** Decodes {@code Error(string)} or {@code Panic(uint256)} data found anywhere in the text. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static Optional<String> fromReturnData(String text) {
        Matcher m = ENCODED.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            if (m.group(1).equals(ERROR_SELECTOR)) {
                List<Type> out = FunctionReturnDecoder.decode(m.group(2), (List) List.of(new TypeReference<Utf8String>() {}));
                return out.isEmpty() ? Optional.empty() : Optional.of(((Utf8String) out.get(0)).getValue());
            }
            List<Type> out = FunctionReturnDecoder.decode(m.group(2), (List) List.of(new TypeReference<Uint256>() {}));
            BigInteger code = out.isEmpty() ? BigInteger.ZERO : ((Uint256) out.get(0)).getValue();
            return Optional.of("panic 0x" + code.toString(16));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
