package io.chainfl.agents.adversary;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place adversary types are registered: {@code type} name to its params record. A record applies itself to
 * the plan ({@link Adversary}), so a new attack is its record plus one line here; an attack that keeps state or
 * crafts per participant adds the class that does the work (e.g. {@link FangAttack}, {@link MimicAttack}).
 */
public final class AdversaryRegistry {
    private AdversaryRegistry() {}

    public static Map<String, Class<? extends Adversary>> types() {
        Map<String, Class<? extends Adversary>> types = new LinkedHashMap<>();
        types.put("label_flip", LabelFlipParams.class);
        types.put("dishonest_vote", DishonestVoteParams.class);
        types.put("free_rider", FreeRiderParams.class);
        types.put("malicious_server", MaliciousServerParams.class);
        types.put("sign_flip", SignFlipParams.class);
        types.put("gaussian", GaussianParams.class);
        types.put("scaling", ScalingParams.class);
        types.put("alie", AlieParams.class);
        types.put("ipm", IpmParams.class);
        types.put("min_max", MinMaxParams.class);
        types.put("min_sum", MinSumParams.class); // Shejwalkar & Houmansadr, NDSS 2021
        types.put("fang", FangParams.class); // Fang, Cao, Jia & Gong, USENIX Security 2020
        types.put("mimic", MimicParams.class); // Karimireddy, He & Jaggi, ICLR 2022
        types.put("backdoor", BackdoorParams.class);
        types.put("dba", DbaParams.class); // Xie, Huang, Chen & Li, ICLR 2020
        types.put("sybil", SybilParams.class);
        types.put("property_inference", PropertyInferenceParams.class);
        types.put("danku_copier", DankuCopierParams.class);
        types.put("danku_silent_organizer", DankuSilentOrganizerParams.class);
        types.put("danku_overfitter", DankuOverfitterParams.class);
        types.put("danku_corrupt_manager", DankuCorruptManagerParams.class);
        types.put("pol_colluding_validators", PolColludingValidatorsParams.class); // Bravo-Marquez, Reeves & Ugarte 2019
        types.put("pol_lazy_validators", PolLazyValidatorsParams.class);
        types.put("duplicate_data", DuplicateDataParams.class);
        types.put("sybil_split", SybilSplitParams.class);
        types.put("falsified_samples", FalsifiedSamplesParams.class); // Kim, Park, Bennis & Kim, IEEE Comm. Letters 2020
        return types;
    }
}
