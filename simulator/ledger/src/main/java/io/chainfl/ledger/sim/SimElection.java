package io.chainfl.ledger.sim;

import io.chainfl.ledger.Election;
import io.chainfl.ledger.ElectionResult;
import io.chainfl.ledger.LedgerEvent;
import io.chainfl.ledger.LedgerRevertException;
import io.chainfl.ledger.TxReceipt;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Java mirror of {@code Election.sol}: multi-winner positional (Borda) voting per round. */
final class SimElection implements Election {
    static final String CONTRACT = "Election";
    private final SimulatedChain chain;
    private final Map<Long, Round> rounds = new HashMap<>();

    SimElection(SimulatedChain chain) {
        this.chain = chain;
    }

    private static final class Round {
        final int winners;
        final List<Long> vector;
        final Set<Integer> voted = new HashSet<>();
        /** Registered candidates in first-appearance order, with their totals. */
        final Map<Integer, Long> totals = new LinkedHashMap<>();
        List<Integer> elected;

        Round(int winners, List<Long> vector) {
            this.winners = winners;
            this.vector = vector;
        }
    }

    record Open(long round, int winners, List<Long> vector) implements ChainCall {
        public GasSchedule.Function function() {
            return GasSchedule.Function.ELECTION_OPEN;
        }

        public void encode(long nonce, AbiEncoder abi) {
            abi.begin(nonce, function().selector(), 3);
            abi.uint(round);
            abi.uint(winners);
            abi.uintArray(vector);
        }

        public void emit(long blockNumber, List<LedgerEvent> out) {
            out.add(new LedgerEvent(CONTRACT, "Opened", List.of(Long.toUnsignedString(round), Integer.toString(winners)), blockNumber));
        }
    }

    record Ballot(long round, int voter, List<Integer> candidates, List<Long> scores) implements ChainCall {
        public GasSchedule.Function function() {
            return GasSchedule.Function.ELECTION_CAST_BALLOT;
        }

        public void encode(long nonce, AbiEncoder abi) {
            abi.begin(nonce, function().selector(), 4);
            abi.uint(round);
            abi.uint(voter);
            abi.uintArray(candidates);
            abi.uintArray(scores);
        }

        public void emit(long blockNumber, List<LedgerEvent> out) {
            out.add(new LedgerEvent(CONTRACT, "Ballot", List.of(Long.toUnsignedString(round), Integer.toString(voter)), blockNumber));
        }
    }

    record Tally(long round, List<Integer> winners) implements ChainCall {
        public GasSchedule.Function function() {
            return GasSchedule.Function.ELECTION_TALLY;
        }

        public void encode(long nonce, AbiEncoder abi) {
            abi.begin(nonce, function().selector(), 1);
            abi.uint(round);
        }

        public void emit(long blockNumber, List<LedgerEvent> out) {
            StringBuilder list = new StringBuilder("[");
            for (int i = 0; i < winners.size(); i++) {
                list.append(i == 0 ? "" : ",").append(winners.get(i));
            }
            out.add(new LedgerEvent(CONTRACT, "Elected", List.of(Long.toUnsignedString(round), list.append(']').toString()), blockNumber));
        }
    }

    @Override
    public TxReceipt open(long round, int winners, List<Long> scoringVector) {
        requireUint32(winners);
        scoringVector.forEach(SimElection::requireUint64);
        synchronized (chain) {
            if (rounds.containsKey(round)) {
                throw new LedgerRevertException(CONTRACT, "election exists");
            }
            if (winners == 0) {
                throw new LedgerRevertException(CONTRACT, "bad winners");
            }
            Open call = new Open(round, winners, List.copyOf(scoringVector));
            GasMeter meter = chain.encode(call).update(true, true).coldSet().log(1, 2 * 32);
            for (long slot = 0; slot < (scoringVector.size() + 3) / 4; slot++) {
                meter.coldSet(); // four uint64 per slot
            }
            long gas = meter.used();
            rounds.put(round, new Round(winners, call.vector()));
            return chain.include(call, gas);
        }
    }

    @Override
    public TxReceipt castBallot(long round, int voter, List<Integer> candidates, List<Long> scores) {
        requireUint32(voter);
        candidates.forEach(SimElection::requireUint32);
        scores.forEach(SimElection::requireUint64);
        synchronized (chain) {
            Round r = rounds.get(round);
            if (r == null) {
                throw new LedgerRevertException(CONTRACT, "no election");
            }
            if (r.elected != null) {
                throw new LedgerRevertException(CONTRACT, "already tallied");
            }
            if (r.voted.contains(voter)) {
                throw new LedgerRevertException(CONTRACT, "already voted");
            }
            if (candidates.size() != scores.size()) {
                throw new LedgerRevertException(CONTRACT, "length mismatch");
            }
            if (candidates.contains(voter)) {
                throw new LedgerRevertException(CONTRACT, "self vote");
            }
            if (new HashSet<>(candidates).size() != candidates.size()) {
                throw new LedgerRevertException(CONTRACT, "duplicate candidate");
            }
            List<Integer> ranked = new ArrayList<>(candidates.size());
            for (int i = 0; i < candidates.size(); i++) {
                ranked.add(i);
            }
            ranked.sort(Comparator.<Integer, Long>comparing(scores::get, Long::compareUnsigned).reversed().thenComparing(candidates::get));
            Ballot call = new Ballot(round, voter, List.copyOf(candidates), List.copyOf(scores));
            int n = candidates.size();
            // the duplicate check and the insertion sort are quadratic in the ballot's length
            GasMeter meter = chain.encode(call).coldLoad().update(true, true).log(1, 2 * 32)
                    .add(GasSchedule.BALLOT_PER_CANDIDATE_PAIR * n * n);
            boolean registering = false;
            int listLength = r.totals.size();
            boolean listSlotDirty = false;
            Map<Integer, Long> added = new LinkedHashMap<>();
            for (int k = 0; k < ranked.size(); k++) {
                int candidate = candidates.get(ranked.get(k));
                long points = k < r.vector.size() ? r.vector.get(k) : 0;
                boolean known = r.totals.containsKey(candidate);
                meter.coldLoad().add(GasSchedule.BALLOT_PER_CANDIDATE); // the candidate's standing: total and flag share a slot
                if (!known) {
                    meter.store(true, true);
                    // the candidate list holds uint32 ids, eight to a slot
                    if (listLength % 8 == 0) {
                        meter.coldSet();
                        listSlotDirty = true;
                    } else if (listSlotDirty) {
                        meter.add(GasSchedule.WARM_ACCESS);
                    } else {
                        meter.update(false, true);
                        listSlotDirty = true;
                    }
                    listLength++;
                    registering = true;
                    if (points != 0) {
                        meter.add(GasSchedule.WARM_ACCESS);
                    }
                } else if (points != 0) {
                    meter.store(false, true);
                }
                added.put(candidate, points);
            }
            if (registering) {
                meter.update(r.totals.isEmpty(), true); // candidate list length
            }
            long gas = meter.used();
            r.voted.add(voter);
            // registration follows ballot order: the contract walks the candidates as given
            for (int candidate : candidates) {
                r.totals.merge(candidate, added.get(candidate), Long::sum);
            }
            return chain.include(call, gas);
        }
    }

    @Override
    public ElectionResult tally(long round) {
        synchronized (chain) {
            Round r = rounds.get(round);
            if (r == null) {
                throw new LedgerRevertException(CONTRACT, "no election");
            }
            if (r.elected != null) {
                throw new LedgerRevertException(CONTRACT, "already tallied");
            }
            List<Integer> order = new ArrayList<>(r.totals.keySet());
            order.sort(Comparator.<Integer, Long>comparing(r.totals::get, Long::compareUnsigned).reversed().thenComparing(c -> c));
            List<Integer> winners = List.copyOf(order.subList(0, Math.min(r.winners, order.size())));
            Tally call = new Tally(round, winners);
            int candidates = order.size();
            GasMeter meter = chain.encode(call).coldLoad().store(false, true).coldLoad()
                    .add((2 * GasSchedule.COLD_SLOAD + GasSchedule.TALLY_PER_CANDIDATE_AND_WINNER * r.winners) * candidates)
                    .coldSet()
                    .log(1, (3L + winners.size()) * 32);
            for (long slot = 0; slot < (winners.size() + 7) / 8; slot++) {
                meter.coldSet(); // eight uint32 per slot
            }
            long gas = meter.used();
            r.elected = winners;
            TxReceipt receipt = chain.include(call, gas);
            return new ElectionResult(round, winners, new TreeMap<>(r.totals), receipt);
        }
    }

    private static void requireUint32(int v) {
        if (v < 0) {
            throw new IllegalArgumentException("uint32 values must be non-negative, got " + v);
        }
    }

    private static void requireUint64(long v) {
        if (v < 0) {
            throw new IllegalArgumentException("uint64 values must be non-negative, got " + v);
        }
    }
}
