package io.chainfl.agents.adversary;

import io.chainfl.learning.aggregation.ClientUpdate;
import io.chainfl.learning.aggregation.UpdateMatrix;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The colluders of the coalition attacks (alie, ipm, min_max, sybil), applied by the server to the round's
 * updates before it records and aggregates them. Running at the server models the coalition's knowledge of
 * every benign update of the round (the omniscient adversary of ByzFL and Blades), not a server that cheats.
 * Deterministic: updates are stacked in participant-id order and no random draw is made.
 */
public final class Coalition {
    private static final Coalition NONE = new Coalition(Map.of());

    private final TreeMap<Integer, CoalitionAttack> members;

    Coalition(Map<Integer, CoalitionAttack> members) {
        this.members = new TreeMap<>(members);
    }

    public static Coalition none() {
        return NONE;
    }

    public boolean isEmpty() {
        return members.isEmpty();
    }

    /** Whether the participant crafts its upload with the coalition from {@code round} on. */
    public boolean colludes(int participant, int round) {
        CoalitionAttack attack = members.get(participant);
        return attack != null && round >= attack.startRound();
    }

    /**
     * The updates as uploaded: each colluder's honest update replaced by its attack's crafted one. Benign
     * means "not colluding in this round"; a round without benign updates leaves everything as trained.
     */
    public List<ClientUpdate> apply(List<ClientUpdate> updates, int round) {
        return apply(updates, null, round);
    }

    /**
     * As {@link #apply(List, int)}, but the colluders craft from {@code knownBenign}, the benign updates they
     * actually know (in SecCL: the previous round's, as the bulletin board relayed them), instead of this round's.
     * Null means this round's benign updates; empty leaves everything as trained.
     */
    public List<ClientUpdate> apply(List<ClientUpdate> updates, List<ClientUpdate> knownBenign, int round) {
        Map<CoalitionAttack, List<ClientUpdate>> colluders = new IdentityHashMap<>();
        List<ClientUpdate> benign = new ArrayList<>();
        List<ClientUpdate> sorted = new ArrayList<>(updates);
        sorted.sort((a, b) -> Integer.compare(a.participantId(), b.participantId()));
        for (ClientUpdate u : sorted) {
            if (colludes(u.participantId(), round)) {
                colluders.computeIfAbsent(members.get(u.participantId()), a -> new ArrayList<>()).add(u);
            } else {
                benign.add(u);
            }
        }
        if (knownBenign != null) {
            benign = new ArrayList<>(knownBenign);
            benign.sort((a, b) -> Integer.compare(a.participantId(), b.participantId()));
        }
        if (colluders.isEmpty() || benign.isEmpty()) {
            return updates;
        }
        Map<Integer, float[]> crafted = new TreeMap<>();
        float[][] benignRows = UpdateMatrix.stack(benign);
        for (Map.Entry<CoalitionAttack, List<ClientUpdate>> group : colluders.entrySet()) {
            float[] upload = group.getKey().craft(benignRows, UpdateMatrix.stack(group.getValue()));
            group.getValue().forEach(u -> crafted.put(u.participantId(), upload));
        }
        List<ClientUpdate> out = new ArrayList<>(updates.size());
        for (ClientUpdate u : updates) {
            float[] upload = crafted.get(u.participantId());
            out.add(upload == null ? u : new ClientUpdate(u.participantId(), upload.clone(), u.weight()));
        }
        return out;
    }
}
