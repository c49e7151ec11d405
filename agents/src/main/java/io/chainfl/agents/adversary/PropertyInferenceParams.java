package io.chainfl.agents.adversary;

import io.chainfl.engine.UserError;
import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import java.util.List;

/**
 * A passive property-inference adversary (Melis et al., S&P 2019): one participant that follows the protocol to
 * the letter, so the run's results do not change, and on the side infers from the other participants' shared
 * updates whether their data has a property. Here the property is "at least {@code min_share} of the victim's
 * training samples are of class {@code property_class}".
 */
@Doc("passive: infers from the others' shared updates whether their data has the property (class share); adds property_inference_auc; Melis et al. 2019")
public record PropertyInferenceParams(
        @Doc("fraction of participants; the adversary is the first of them in the seeded order (ids: the first id)") @Range(min = 0, max = 1) Double fraction,
        @Doc("explicit participant ids instead of a fraction; the first one is the adversary") List<Integer> ids,
        @Doc("first round in which it observes") @Range(min = 1) Integer startRound,
        @Doc("the class whose presence is the property") @Range(min = 0, max = 1_000_000) Integer propertyClass,
        @Doc("a victim has the property when at least this share of its training samples are of property_class") @Range(min = 0, max = 1, exclusiveMin = true) Double minShare,
        @Doc("fraction of each update's coordinates the adversary sees (the largest in magnitude, as in selective sharing)") @Range(min = 0, max = 1, exclusiveMin = true) Double sharedFraction,
        @Doc("auxiliary updates with and (as many) without the property the adversary computes per round") @Range(min = 1, max = 10_000) Integer auxUpdates,
        @Doc("gradient-descent iterations of its logistic regression per round") @Range(min = 1, max = 1_000_000) Integer classifierIterations)
        implements Adversary {

    public PropertyInferenceParams {
        fraction = fraction == null ? 0.0 : fraction;
        ids = ids == null ? List.of() : List.copyOf(ids);
        startRound = startRound == null ? 1 : startRound;
        propertyClass = propertyClass == null ? 0 : propertyClass;
        minShare = minShare == null ? 0.05 : minShare;
        sharedFraction = sharedFraction == null ? 1.0 : sharedFraction;
        auxUpdates = auxUpdates == null ? 8 : auxUpdates;
        classifierIterations = classifierIterations == null ? 300 : classifierIterations;
    }

    /** Passive: the first member observes; it keeps an honest conduct and stays out of the coalition, so nothing about the run changes. */
    @Override
    public void applyTo(AdversaryPlan.Builder plan, List<Integer> members) {
        if (members.isEmpty()) {
            throw new UserError("adversaries: property_inference needs ids or a fraction that selects a participant");
        }
        plan.observe(new AdversaryPlan.PassiveObserver(this, members.get(0)));
    }
}
