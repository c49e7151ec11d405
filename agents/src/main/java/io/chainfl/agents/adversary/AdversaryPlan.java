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
    private final Coalition craftingCoalition;
    private final BackdoorParams backdoor;
    private final PassiveObserver observer;

    /** A passive property-inference adversary and the participant it is. */
    public record PassiveObserver(PropertyInferenceParams params, int participant) {}

    private AdversaryPlan(Map<Integer, Conduct> conducts, TreeSet<Integer> coalition, MaliciousServerParams server, Coalition craftingCoalition,
                          BackdoorParams backdoor, PassiveObserver observer) {
        this.conducts = conducts;
        this.coalition = coalition;
        this.server = server;
        this.craftingCoalition = craftingCoalition;
        this.backdoor = backdoor;
        this.observer = observer;
    }

    public static AdversaryPlan honest() {
        return new AdversaryPlan(Map.of(), new TreeSet<>(), null, Coalition.none(), null, null);
    }

    public static AdversaryPlan of(List<AdversaryParams> entries, int participants, SeedStreams seeds) {
        List<Integer> order = seededOrder(participants, seeds.stream("adversaries/order"));
        Map<Integer, LabelFlipParams> flips = new TreeMap<>();
        Map<Integer, FreeRiderParams> riders = new TreeMap<>();
        Map<Integer, DishonestVoteParams> voters = new TreeMap<>();
        Map<Integer, UpdateAttack> updateAttacks = new TreeMap<>();
        Map<Integer, BackdoorParams> backdoors = new TreeMap<>();
        Map<Integer, CoalitionAttack> crafters = new TreeMap<>();
        MaliciousServerParams server = null;
        BackdoorParams backdoor = null;
        PassiveObserver observer = null;
        for (AdversaryParams entry : entries) {
            if (entry instanceof MaliciousServerParams s) {
                server = s;
                continue;
            }
            if (entry instanceof PropertyInferenceParams p) {
                // passive: it keeps an honest conduct and stays out of the coalition, so nothing about the run changes
                List<Integer> chosen = members(entry, order, participants);
                if (chosen.isEmpty()) {
                    throw new UserError("adversaries: property_inference needs ids or a fraction that selects a participant");
                }
                observer = new PassiveObserver(p, chosen.get(0));
                continue;
            }
            for (int id : members(entry, order, participants)) {
                if (entry instanceof LabelFlipParams p) {
                    flips.put(id, p);
                } else if (entry instanceof FreeRiderParams p) {
                    riders.put(id, p);
                } else if (entry instanceof DishonestVoteParams p) {
                    voters.put(id, p);
                } else if (entry instanceof UpdateAttack p) {
                    updateAttacks.put(id, p);
                } else if (entry instanceof BackdoorParams p) {
                    backdoors.put(id, p);
                    backdoor = backdoor == null ? p : backdoor;
                } else if (entry instanceof SybilParams p) {
                    // the identities train like a label flipper; the coalition then makes their uploads identical
                    flips.put(id, p.training());
                    crafters.put(id, p);
                } else if (entry instanceof CoalitionAttack p) {
                    crafters.put(id, p);
                } else {
                    throw new IllegalStateException("no behaviour for " + entry.getClass().getSimpleName());
                }
            }
        }
        TreeSet<Integer> coalition = new TreeSet<>();
        coalition.addAll(flips.keySet());
        coalition.addAll(riders.keySet());
        coalition.addAll(voters.keySet());
        coalition.addAll(updateAttacks.keySet());
        coalition.addAll(backdoors.keySet());
        coalition.addAll(crafters.keySet());
        Map<Integer, Conduct> conducts = new TreeMap<>();
        for (int id : coalition) {
            conducts.put(id, new Conduct(flips.get(id), riders.get(id), voters.get(id), updateAttacks.get(id), backdoors.get(id)));
        }
        return new AdversaryPlan(conducts, coalition, server, new Coalition(crafters), backdoor, observer);
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
        int count = entry instanceof SybilParams sybil ? sybil.count() : (int) Math.round(entry.fraction() * participants);
        if (count > participants) {
            throw new UserError("adversaries: " + count + " adversaries requested but the run has only " + participants + " participants");
        }
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

    /** The colluders whose uploads are crafted from the round's benign updates (alie, ipm, min_max, sybil). */
    public Coalition craftingCoalition() {
        return craftingCoalition;
    }

    /** The backdoor being planted, if any (the first backdoor entry: it defines the trigger the metric probes). */
    public Optional<BackdoorParams> backdoor() {
        return Optional.ofNullable(backdoor);
    }

    /** The passive property-inference adversary, if any. */
    public Optional<PassiveObserver> propertyInference() {
        return Optional.ofNullable(observer);
    }

    public Optional<MaliciousServerParams> server() {
        return Optional.ofNullable(server);
    }
}
