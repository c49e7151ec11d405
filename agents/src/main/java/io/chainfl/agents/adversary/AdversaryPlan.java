package io.chainfl.agents.adversary;

import io.chainfl.engine.UserError;
import io.chainfl.engine.config.AdversaryParams;
import io.chainfl.engine.seed.SeedStreams;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who misbehaves and how, decided once per run from the {@code adversaries:} entries. Entries given by a
 * fraction take the leading {@code drawnCount} participants of ONE seeded permutation, so entries with
 * the same fraction stack on the same colluders (fake labels plus dishonest votes, as in SecCL's Fig. 5).
 * Each entry applies itself ({@link Adversary#applyTo}) through a {@link Builder}: per participant, one
 * behaviour of each kind (a later entry replaces an earlier one of the same kind), so the plan never names a
 * concrete attack. Stacking rules: a sybil trains like a label flipper; the first backdoor that names a
 * participant defines the trigger the metric probes; a passive observer stays out of the coalition.
 */
public final class AdversaryPlan {
    private final Map<Integer, Conduct> conducts;
    private final TreeSet<Integer> coalition;
    private final MaliciousServerParams server;
    private final Coalition craftingCoalition;
    private final BackdoorTrigger backdoor;
    private final PassiveObserver observer;

    /** A passive property-inference adversary and the participant it is. */
    public record PassiveObserver(PropertyInferenceParams params, int participant) {}

    private AdversaryPlan(Map<Integer, Conduct> conducts, TreeSet<Integer> coalition, MaliciousServerParams server, Coalition craftingCoalition,
                          BackdoorTrigger backdoor, PassiveObserver observer) {
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
        Builder plan = new Builder(seeds);
        for (AdversaryParams entry : entries) {
            if (!(entry instanceof Adversary adversary)) {
                throw new IllegalStateException(entry.getClass().getName() + " is registered as an adversary but does not implement Adversary");
            }
            adversary.applyTo(plan, members(adversary, order, participants));
        }
        return plan.build();
    }

    /**
     * What the entries hand their behaviours to. Adding to any per-participant behaviour makes the participant a
     * member of the coalition; one behaviour of each kind per participant, a later one replacing an earlier one.
     */
    public static final class Builder {
        private final TreeSet<Integer> coalition = new TreeSet<>();
        private final Map<Integer, EnumMap<TrainingDataAttack.Stage, TrainingDataAttack>> dataAttacks = new TreeMap<>();
        private final Map<Integer, UpdateAttack> uploadAttacks = new TreeMap<>();
        private final Map<Integer, Conduct.FreeRide> freeRides = new TreeMap<>();
        private final Map<Integer, Conduct.BallotRigging> ballots = new TreeMap<>();
        private final Map<Integer, CoalitionAttack> crafters = new TreeMap<>();
        private final SeedStreams seeds;
        private MaliciousServerParams server;
        private BackdoorTrigger backdoorProbe;
        private PassiveObserver observer;

        private Builder(SeedStreams seeds) {
            this.seeds = seeds;
        }

        /** The participant trains on data the attack changed (one attack per stage). */
        public Builder trainOn(int participant, TrainingDataAttack attack) {
            coalition.add(participant);
            dataAttacks.computeIfAbsent(participant, id -> new EnumMap<>(TrainingDataAttack.Stage.class)).put(attack.stage(), attack);
            return this;
        }

        /** The participant uploads the attack's craft instead of its trained change. */
        public Builder craftUpload(int participant, UpdateAttack attack) {
            coalition.add(participant);
            uploadAttacks.put(participant, attack);
            return this;
        }

        /** The participant skips training and uploads a fake. */
        public Builder freeRide(int participant, Conduct.FreeRide freeRide) {
            coalition.add(participant);
            freeRides.put(participant, freeRide);
            return this;
        }

        /** The participant rigs its ballot for the coalition. */
        public Builder rigBallot(int participant, Conduct.BallotRigging rigging) {
            coalition.add(participant);
            ballots.put(participant, rigging);
            return this;
        }

        /** The participant's upload is crafted with its fellow colluders from the round's benign updates. */
        public Builder craftWithCoalition(int participant, CoalitionAttack attack) {
            coalition.add(participant);
            crafters.put(participant, attack);
            return this;
        }

        /** The server tampers with the uploads it relays (a later entry replaces an earlier one). */
        public Builder tamperWithRelay(MaliciousServerParams relayAttack) {
            server = relayAttack;
            return this;
        }

        /** The backdoor whose trigger the attack-success metric probes: the first one offered (backdoor, dba). */
        public Builder probeBackdoor(BackdoorTrigger planted) {
            backdoorProbe = backdoorProbe == null ? planted : backdoorProbe;
            return this;
        }

        /** A passive adversary that watches the others' updates; it keeps an honest conduct and stays out of the coalition. */
        public Builder observe(PassiveObserver passive) {
            observer = passive;
            return this;
        }

        private AdversaryPlan build() {
            Map<Integer, Conduct> conducts = new TreeMap<>();
            for (int id : coalition) {
                conducts.put(id, new Conduct(dataAttacks.getOrDefault(id, new EnumMap<>(TrainingDataAttack.Stage.class)), uploadAttacks.get(id),
                        freeRides.get(id), ballots.get(id)));
            }
            return new AdversaryPlan(conducts, new TreeSet<>(coalition), server, new Coalition(crafters, seeds), backdoorProbe, observer);
        }
    }

    private static List<Integer> members(Adversary entry, List<Integer> order, int participants) {
        if (!entry.ids().isEmpty()) {
            for (int id : entry.ids()) {
                if (id < 0 || id >= participants) {
                    throw new UserError("adversaries: participant id " + id + " does not exist (ids run from 0 to " + (participants - 1) + ")");
                }
            }
            return entry.ids();
        }
        int count = entry.drawnCount(participants);
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

    /** The colluders whose uploads are crafted from the round's benign updates (alie, ipm, min_max, min_sum, fang, mimic, sybil). */
    public Coalition craftingCoalition() {
        return craftingCoalition;
    }

    /** The backdoor being planted, if any (the first backdoor or dba entry: it defines the trigger the metric probes). */
    public Optional<BackdoorTrigger> backdoor() {
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
