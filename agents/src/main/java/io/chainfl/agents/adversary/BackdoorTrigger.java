package io.chainfl.agents.adversary;

import io.chainfl.learning.data.Dataset;

/**
 * A backdoor whose success the fedavg scenario measures ({@code attack_success_rate}): the backdoor's own square
 * trigger, or DBA's global trigger (the union of the local parts its attackers train with). The first entry that
 * plants one defines the probe.
 */
public interface BackdoorTrigger {
    /**
     * The attack-success probe: every test image whose true label is not the target, with the trigger stamped and
     * labelled target, so the global model's accuracy on it is the attack success rate.
     */
    Dataset probe(Dataset test);
}
