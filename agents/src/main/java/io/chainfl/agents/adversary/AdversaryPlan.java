package io.chainfl.agents.adversary;

import io.chainfl.engine.UserError;
import io.chainfl.engine.config.AdversaryParams;
import io.chainfl.engine.seed.SeedStreams;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who misbehaves and how, decided once per run from the {@code adversaries:} entries. Entries given by a
 * fraction take the leading {@code round(fraction * n)} participants of ONE seeded permutation, so entries with
 * the same fraction stack on the same colluders (fake labels plus dishonest votes, as in SecCL's Fig. 5).
 */
public final class AdversaryPlan {
    private final Map<Integer, Conduct> conducts;
    private final TreeSet<Integer> coalition;
    private final MaliciousServerParams server;

    private AdversaryPlan(Map<Integer, Conduct> conducts, TreeSet<Integer> coalition, MaliciousServerParams server) {
        this.conducts = conducts;
        this.coalition = coalition;
        this.server = server;
    }

    public static AdversaryPlan honest() {
        return new AdversaryPlan(Map.of(), new TreeSet<>(), null);
    }

    public static AdversaryPlan of(List<AdversaryParams> entries, int participants, SeedStreams seeds) {
        List<Integer> order = seededOrder(participants, seeds.stream("adversaries/order"));
        Map<Integer, LabelFlipParams> flips = new TreeMap<>();
        Map<Integer, FreeRiderParams> riders = new TreeMap<>();
        Map<Integer, DishonestVoteParams> voters = new TreeMap<>();
        MaliciousServerParams server = null;
        for (AdversaryParams entry : entries) {
            if (entry instanceof MaliciousServerParams s) {
                server = s;
                continue;
            }
            for (int id : members(entry, order, participants)) {
                if (entry instanceof LabelFlipParams p) {
                    flips.put(id, p);
                } else if (entry instanceof FreeRiderParams p) {
                    riders.put(id, p);
                } else if (entry instanceof DishonestVoteParams p) {
                    voters.put(id, p);
                } else {
                    throw new IllegalStateException("no behaviour for " + entry.getClass().getSimpleName());
                }
            }
        }
        TreeSet<Integer> coalition = new TreeSet<>();
        coalition.addAll(flips.keySet());
        coalition.addAll(riders.keySet());
        coalition.addAll(voters.keySet());
        Map<Integer, Conduct> conducts = new TreeMap<>();
        for (int id : coalition) {
            conducts.put(id, new Conduct(flips.get(id), riders.get(id), voters.get(id)));
        }
        return new AdversaryPlan(conducts, coalition, server);
    }

    private static List<Integer> members(AdversaryParams entry, List<Integer> order, int participants) {
        if (!entry.ids().isEmpty()) {
            for (int id : entry.ids()) {
                if (id < 0 || id >= participants) {
                    throw new UserError("adversaries: participant id " + id + " does not exist (ids run from 0 to " + (participants - 1) + ")");
                }
            }
            return entry.ids();
        }
        int count = (int) Math.round(entry.fraction() * participants);
        return order.subList(0, count);
    }

    private static List<Integer> seededOrder(int participants, SplittableRandom rng) {
        List<Integer> order = new ArrayList<>(participants);
        for (int i = 0; i < participants; i++) {
            order.add(i);
        }
        for (int i = participants - 1; i > 0; i--) {
            Collections.swap(order, i, rng.nextInt(i + 1));
        }
        return order;
    }

    public Conduct conductOf(int participant) {
        return conducts.getOrDefault(participant, Conduct.HONEST);
    }

    /** Every adversarial participant, sorted. */
    public TreeSet<Integer> coalition() {
        return new TreeSet<>(coalition);
    }

    public Optional<MaliciousServerParams> server() {
        return Optional.ofNullable(server);
    }
}
