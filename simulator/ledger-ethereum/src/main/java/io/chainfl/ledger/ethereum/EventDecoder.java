package io.chainfl.ledger.ethereum;

import com.fasterxml.jackson.databind.JsonNode;
import io.chainfl.ledger.LedgerEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Array;
import org.web3j.abi.datatypes.BytesType;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.NumericType;
import org.web3j.abi.datatypes.Type;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Turns logs into {@link LedgerEvent}s using the contracts' ABIs (all event arguments are non-indexed):
 * integers in decimal, bytes32 as 0x + 64 lower-case hex digits, integer arrays as {@code [1,2,3]}.
 */
final class EventDecoder {
    private record Definition(String contract, String name, Event event) {}

    /** Keyed by contract address (lower case), then by topic 0. */
    private final Map<String, Map<String, Definition>> byAddress = new HashMap<>();

    void register(String address, ContractArtifact artifact) {
        Map<String, Definition> events = new HashMap<>();
        for (JsonNode entry : artifact.abi()) {
            if (!"event".equals(entry.path("type").asText())) {
                continue;
            }
            List<TypeReference<?>> params = new ArrayList<>();
            for (JsonNode input : entry.path("inputs")) {
                params.add(typeReference(input.path("type").asText()));
            }
            Event event = new Event(entry.path("name").asText(), params);
            events.put(EventEncoder.encode(event), new Definition(artifact.name(), event.getName(), event));
        }
        byAddress.put(address.toLowerCase(java.util.Locale.ROOT), events);
    }

    List<String> addresses() {
        return List.copyOf(byAddress.keySet());
    }

    Optional<LedgerEvent> decode(Log log) {
        Map<String, Definition> events = byAddress.get(log.getAddress().toLowerCase(java.util.Locale.ROOT));
        if (events == null || log.getTopics().isEmpty()) {
            return Optional.empty();
        }
        Definition definition = events.get(log.getTopics().get(0));
        if (definition == null) {
            return Optional.empty();
        }
        @SuppressWarnings("rawtypes")
        List<Type> values = FunctionReturnDecoder.decode(log.getData(), definition.event().getNonIndexedParameters());
        List<String> args = values.stream().map(EventDecoder::format).toList();
        return Optional.of(new LedgerEvent(definition.contract(), definition.name(), args, log.getBlockNumber().longValue()));
    }

    @SuppressWarnings("rawtypes")
    static String format(Type value) {
        if (value instanceof NumericType n) {
            return n.getValue().toString();
        }
        if (value instanceof BytesType b) {
            return Names.hex(b.getValue());
        }
        if (value instanceof Array<?> array) {
            return array.getValue().stream().map(v -> format((Type) v)).collect(Collectors.joining(",", "[", "]"));
        }
        return String.valueOf(value.getValue());
    }

    private static TypeReference<?> typeReference(String solidityType) {
        try {
            return TypeReference.makeTypeReference(solidityType);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("unsupported event argument type " + solidityType, e);
        }
    }
}
