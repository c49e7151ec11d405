package io.chainfl.agents.seccl;

import io.chainfl.agents.ledger.CallResult;
import io.chainfl.agents.ledger.ContractCall;
import io.chainfl.agents.ledger.LedgerMessages.Called;
import io.chainfl.agents.seccl.SecclMessages.Ballot;
import io.chainfl.agents.seccl.SecclMessages.Upload;
import io.chainfl.engine.Hashes;
import io.chainfl.ledger.LedgerEntry;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a SecCL round writes on the ledger, as the contract calls the server sends the ledger service: every upload's
 * hash on the bulletin board before the relay, and at the end every ballot's hash, then the election contract's
 * verdict (or, without election, every upload). Each batch ends with a seal. Kept apart from the server's phases,
 * which only decide when it happens.
 */
final class SecclLedger {
    private SecclLedger() {}

    /** The uploads' hashes (in the order given: participant order), then the seal. */
    static List<ContractCall> uploadPosts(int round, Collection<Upload> uploads) {
        List<ContractCall> calls = new ArrayList<>(uploads.size() + 1);
        for (Upload u : uploads) {
            byte[] bytes = u.update().bytes();
            calls.add(new ContractCall.PostHash(new LedgerEntry(round, SecclServerActor.participantName(u.participant()),
                    SecclServerActor.UPLOAD, Hashes.sha256(bytes), bytes.length)));
        }
        calls.add(new ContractCall.SealBlocks());
        return calls;
    }

    /** The transaction ids of {@link #uploadPosts} by participant ({@code participants} in the order posted). */
    static Map<Integer, String> txIds(Collection<Integer> participants, Called posted) {
        Map<Integer, String> txIds = new TreeMap<>();
        int i = 0;
        for (int participant : participants) {
            txIds.put(participant, ((CallResult.Receipt) posted.result(i++)).receipt().txId());
        }
        return txIds;
    }

    /** The ballots' hashes (in voter order), then, with election, the round's election over them; then the seal. */
    static List<ContractCall> electionCalls(SecclServerActor.Settings settings, int round, Collection<Ballot> ballots) {
        List<ContractCall> calls = new ArrayList<>();
        for (Ballot b : ballots) {
            byte[] bytes = ballotBytes(b);
            calls.add(new ContractCall.PostHash(new LedgerEntry(round, SecclServerActor.participantName(b.voter()), SecclServerActor.BALLOT,
                    Hashes.sha256(bytes), bytes.length)));
        }
        if (settings.aggregation() == SecclServerActor.Aggregation.ELECTION) {
            calls.add(new ContractCall.OpenElection(round, settings.winners(), settings.scoringVector()));
            for (Ballot b : ballots) {
                List<Integer> candidates = new ArrayList<>(b.scores().keySet());
                List<Long> scores = candidates.stream().map(c -> Math.round(b.scores().get(c) * 1_000_000)).toList();
                calls.add(new ContractCall.CastBallot(round, b.voter(), candidates, scores));
            }
            calls.add(new ContractCall.Tally(round));
        }
        calls.add(new ContractCall.SealBlocks());
        return calls;
    }

    /** The uploads the round applies: the election's winners (the tally before the seal), or every upload without election. */
    static List<Integer> chosen(SecclServerActor.Settings settings, Called elected, Collection<Integer> uploaders) {
        if (settings.aggregation() != SecclServerActor.Aggregation.ELECTION) {
            return List.copyOf(uploaders);
        }
        return ((CallResult.Tallied) elected.result(elected.results().size() - 2)).election().winners();
    }

    /** The wire form of a type (b) message: voter, round, then (candidate, score) pairs by candidate id. */
    static byte[] ballotBytes(Ballot b) {
        ByteBuffer buffer = ByteBuffer.allocate(8 + b.scores().size() * 12);
        buffer.putInt(b.voter()).putInt(b.round());
        new TreeMap<>(b.scores()).forEach((candidate, score) -> buffer.putInt(candidate).putDouble(score));
        return buffer.array();
    }
}
