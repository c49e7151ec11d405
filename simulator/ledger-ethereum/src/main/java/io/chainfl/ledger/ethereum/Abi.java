package io.chainfl.ledger.ethereum;

import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;

/** Small helpers to build ABI values (uint64, uint32, arrays) from Java's longs and ints. */
final class Abi {
    private Abi() {}

    static Uint64 u64(long v) {
        if (v < 0) {
            throw new IllegalArgumentException("uint64 cannot hold " + v);
        }
        return new Uint64(BigInteger.valueOf(v));
    }

    static Uint32 u32(int v) {
        if (v < 0) {
            throw new IllegalArgumentException("uint32 cannot hold " + v);
        }
        return new Uint32(BigInteger.valueOf(v));
    }

    static DynamicArray<Uint64> u64s(List<Long> values) {
        return new DynamicArray<>(Uint64.class, values.stream().map(Abi::u64).toList());
    }

    static DynamicArray<Uint32> u32s(List<Integer> values) {
        return new DynamicArray<>(Uint32.class, values.stream().map(Abi::u32).toList());
    }

    static DynamicArray<Bytes32> names(List<String> names) {
        return new DynamicArray<>(Bytes32.class, names.stream().map(Names::bytes32).toList());
    }

    @SuppressWarnings("rawtypes")
    static Function function(String name, Type... inputs) {
        return new Function(name, List.of(inputs), List.of());
    }

    @SuppressWarnings("rawtypes")
    static Function view(String name, List<TypeReference<?>> outputs, Type... inputs) {
        return new Function(name, List.of(inputs), outputs);
    }

    @SuppressWarnings("rawtypes")
    static long longValue(Type value) {
        return ((BigInteger) value.getValue()).longValueExact();
    }
}
