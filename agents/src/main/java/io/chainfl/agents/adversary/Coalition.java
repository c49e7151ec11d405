package io.chainfl.agents.adversary;

import io.chainfl.engine.checkpoint.Snapshot;
import io.chainfl.engine.seed.SeedStreams;
import io.chainfl.learning.aggregation.ClientUpdate;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The colluders of the coalition attacks (alie, ipm, min_max, min_sum, fang, mimic, sybil), applied by the server to
 * the round's updates before it records and aggregates them. Running at the server models the coalition's knowledge
 * of every benign update of the round (the omniscient adversary of ByzFL and Blades), not a server that cheats.
 * Deterministic: updates are stacked in participant-id order, and the draws some attacks make come from seeded
 * streams per round. Each entry crafts through its own {@link CoalitionAttack.Crafter}, built once per run, so what
 * an attack learns over rounds (mimic) lives here, and goes into checkpoints through {@link #save}.
 */
public final class Coalition {
    private static final Coalition NONE = new Coalition(Map.of());

    private final TreeMap<Integer, CoalitionAttack> members;
    /** One crafter per entry (by identity), and the entry's lowest member id, which names its checkpoint sections. */
    private final Map<CoalitionAttack, CoalitionAttack.Crafter> crafters = new IdentityHashMap<>();
    private final Map<CoalitionAttack, Integer> firstMember = new IdentityHashMap<>();

    /** A coalition whose attacks draw nothing (tests of the stateless attacks). */
    Coalition(Map<Integer, CoalitionAttack> members) {
        this(members, new SeedStreams(0));
    }

    Coalition(Map<Integer, CoalitionAttack> members, SeedStreams seeds) {
        this.members = new TreeMap<>(members);
        this.members.forEach((id, attack) -> {
            firstMember.putIfAbsent(attack, id);
            crafters.computeIfAbsent(attack, a -> a.crafter(seeds));
        });
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
        for (Map.Entry<CoalitionAttack, List<ClientUpdate>> group : colluders.entrySet()) {
            List<ClientUpdate> own = group.getValue();
            float[][] uploads = crafters.get(group.getKey()).craft(new CoalitionAttack.Round(round, benign, own));
            if (uploads.length != own.size()) {
                throw new IllegalStateException(group.getKey().getClass().getSimpleName() + " crafted " + uploads.length + " uploads for " + own.size() + " colluders");
            }
            for (int i = 0; i < uploads.length; i++) {
                crafted.put(own.get(i).participantId(), uploads[i]);
            }
        }
        List<ClientUpdate> out = new ArrayList<>(updates.size());
        for (ClientUpdate u : updates) {
            float[] upload = crafted.get(u.participantId());
            out.add(upload == null ? u : new ClientUpdate(u.participantId(), upload.clone(), u.weight()));
        }
        return out;
    }

    /** Saves what the attacks remember of earlier rounds (mimic's direction and choice); the stateless ones write nothing. */
    public void save(Snapshot.Builder out, String prefix) {
        for (CoalitionAttack attack : entriesInMemberOrder()) {
            crafters.get(attack).save(out, prefix + firstMember.get(attack) + "/");
        }
    }

    /** Restores what {@link #save} wrote. */
    public void restore(Snapshot in, String prefix) {
        for (CoalitionAttack attack : entriesInMemberOrder()) {
            crafters.get(attack).restore(in, prefix + firstMember.get(attack) + "/");
        }
    }

    /** Each entry once (by identity: two equal records are two entries), in the order of their lowest member id. */
    private List<CoalitionAttack> entriesInMemberOrder() {
        Map<CoalitionAttack, Boolean> seen = new IdentityHashMap<>();
        List<CoalitionAttack> ordered = new ArrayList<>();
        for (CoalitionAttack attack : members.values()) {
            if (seen.put(attack, Boolean.TRUE) == null) {
                ordered.add(attack);
            }
        }
        return ordered;
    }
}
