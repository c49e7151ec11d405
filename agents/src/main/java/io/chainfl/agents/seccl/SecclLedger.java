package io.chainfl.agents.seccl;

import io.chainfl.agents.seccl.SecclMessages.Ballot;
import io.chainfl.agents.seccl.SecclMessages.Upload;
import io.chainfl.engine.Hashes;
import io.chainfl.ledger.Ledger;
import io.chainfl.ledger.LedgerEntry;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a SecCL round writes on the ledger: every upload's hash on the bulletin board before the relay, and at the end
 * every ballot's hash, then the election contract's verdict (or, without election, every upload). Kept apart from the
 * server's phases, which only decide when it happens.
 */
final class SecclLedger {
    private SecclLedger() {}

    /** Posts the uploads' hashes (in participant order); the transaction ids by participant. The caller seals the block. */
    static Map<Integer, String> postUploads(Ledger ledger, int round, Collection<Upload> uploads) {
        Map<Integer, String> txIds = new TreeMap<>();
        for (Upload u : uploads) {
            byte[] bytes = u.update().bytes();
            txIds.put(u.participant(), ledger.bulletinBoard().post(new LedgerEntry(round, SecclServerActor.participantName(u.participant()),
                    SecclServerActor.UPLOAD, Hashes.sha256(bytes), bytes.length)).txId());
        }
        return txIds;
    }

    /** Posts the ballots (in voter order) and returns the uploads the round applies; the caller seals the block. */
    static List<Integer> elect(Ledger ledger, SecclServerActor.Settings settings, int round, Collection<Ballot> ballots, Collection<Integer> uploaders) {
        for (Ballot b : ballots) {
            byte[] bytes = ballotBytes(b);
            ledger.bulletinBoard().post(new LedgerEntry(round, SecclServerActor.participantName(b.voter()), SecclServerActor.BALLOT,
                    Hashes.sha256(bytes), bytes.length));
        }
        if (settings.aggregation() != SecclServerActor.Aggregation.ELECTION) {
            return List.copyOf(uploaders);
        }
        ledger.election().open(round, settings.winners(), settings.scoringVector());
        for (Ballot b : ballots) {
            List<Integer> candidates = new ArrayList<>(b.scores().keySet());
            List<Long> scores = candidates.stream().map(c -> Math.round(b.scores().get(c) * 1_000_000)).toList();
            ledger.election().castBallot(round, b.voter(), candidates, scores);
        }
        return ledger.election().tally(round).winners();
    }

    /** The wire form of a type (b) message: voter, round, then (candidate, score) pairs by candidate id. */
    static byte[] ballotBytes(Ballot b) {
        ByteBuffer buffer = ByteBuffer.allocate(8 + b.scores().size() * 12);
        buffer.putInt(b.voter()).putInt(b.round());
        new TreeMap<>(b.scores()).forEach((candidate, score) -> buffer.putInt(candidate).putDouble(score));
        return buffer.array();
    }
}
