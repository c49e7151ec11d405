package io.chainfl.agents.seccl;

import io.chainfl.agents.adversary.MaliciousServerParams;
import io.chainfl.agents.seccl.SecclMessages.Relayed;
import io.chainfl.agents.seccl.SecclMessages.Upload;
import io.chainfl.engine.seed.SeedStreams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a malicious server relays to each participant. Returns, per recipient, the relays it gets; also
 * counts the (recipient, owner) pairs it cheated so the run can show that every one was detected.
 */
final class RelayTampering {
    private final MaliciousServerParams attack;
    private final SeedStreams seeds;

    RelayTampering(MaliciousServerParams attack, SeedStreams seeds) {
        this.attack = attack;
        this.seeds = seeds;
    }

    record Plan(Map<Integer, List<Relayed>> relays, int cheatedPairs) {}

    static Plan honest(Map<Integer, Upload> uploads, Map<Integer, String> txIds) {
        Map<Integer, List<Relayed>> relays = new TreeMap<>();
        for (int recipient : uploads.keySet()) {
            List<Relayed> list = new ArrayList<>();
            uploads.forEach((owner, u) -> {
                if (owner != recipient) {
                    list.add(new Relayed(owner, u.update(), txIds.get(owner)));
                }
            });
            relays.put(recipient, list);
        }
        return new Plan(relays, 0);
    }

    Plan apply(int round, Map<Integer, Upload> uploads, Map<Integer, String> txIds) {
        if (attack == null || round < attack.startRound() || uploads.size() < 2) {
            return honest(uploads, txIds);
        }
        TreeSet<Integer> victims = chooseVictims(round, new ArrayList<>(uploads.keySet()));
        List<Integer> owners = new ArrayList<>(uploads.keySet());
        Map<Integer, List<Relayed>> relays = new TreeMap<>();
        int cheated = 0;
        for (int recipient : uploads.keySet()) {
            List<Relayed> list = new ArrayList<>();
            for (int owner : owners) {
                if (owner == recipient) {
                    continue;
                }
                Relayed genuine = new Relayed(owner, uploads.get(owner).update(), txIds.get(owner));
                if (!victims.contains(owner) || (attack.mode() == MaliciousServerParams.Mode.EQUIVOCATE && recipient % 2 == 1)) {
                    list.add(genuine);
                    continue;
                }
                cheated++;
                switch (attack.mode()) {
                    case TAMPER, EQUIVOCATE -> list.add(new Relayed(owner, tampered(genuine), genuine.txId()));
                    case SWAP -> {
                        int other = owners.get((owners.indexOf(owner) + 1) % owners.size());
                        list.add(new Relayed(owner, uploads.get(other).update(), genuine.txId()));
                    }
                    case DROP -> { }
                }
            }
            relays.put(recipient, list);
        }
        return new Plan(relays, cheated);
    }

    private static io.chainfl.learning.aggregation.SparseUpdate tampered(Relayed genuine) {
        float[] values = genuine.update().values();
        return values.length == 0 ? genuine.update() : genuine.update().withValue(0, values[0] + 1.0f);
    }

    private TreeSet<Integer> chooseVictims(int round, List<Integer> owners) {
        SplittableRandom rng = seeds.stream("malicious-server", round);
        List<Integer> pool = new ArrayList<>(owners);
        TreeSet<Integer> chosen = new TreeSet<>();
        int count = Math.min(attack.victims(), pool.size());
        for (int i = 0; i < count; i++) {
            chosen.add(pool.remove(rng.nextInt(pool.size())));
        }
        return chosen;
    }
}
