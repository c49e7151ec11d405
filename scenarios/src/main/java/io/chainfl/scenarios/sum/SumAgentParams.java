package io.chainfl.scenarios.sum;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import java.util.List;

/** One SUM agent: how it labels, how much it is willing to deposit, and how often it acts. */
public record SumAgentParams(
        @Doc("account name (unique); also names the agent's balance_pct_<name> column") String name,
        @Doc("good (true labels, rare mistakes), bad (always flips), spammer (random labels) or noisy (mislabels with mislabel_probability)") Kind kind,
        @Doc("starting balance in ledger currency units") @Range(min = 0) Long balance,
        @Doc("mean of the deposit the agent offers per contribution (it skips when the asked deposit is higher)") @Range(min = 0) Double depositMean,
        @Doc("standard deviation of the offered deposit") @Range(min = 0) Double depositStd,
        @Doc("mean time between the agent's actions, in minutes") @Range(min = 0, exclusiveMin = true) Double actionIntervalMinutes,
        @Doc("standard deviation of the time between actions, in seconds (reference: 1 s)") @Range(min = 0) Double actionIntervalStdSeconds,
        @Doc("probability of flipping a label by mistake (good and noisy agents)") @Range(min = 0, max = 1) Double mislabelProbability,
        @Doc("good agents contribute with probability (current accuracy + this), i.e. only while the model is accurate enough") @Range(min = 0, max = 1) Double accuracyBonus) {

    public enum Kind {
        @JsonProperty("good") GOOD,
        @JsonProperty("bad") BAD,
        @JsonProperty("spammer") SPAMMER,
        @JsonProperty("noisy") NOISY
    }

    public SumAgentParams {
        name = name == null ? "agent" : name;
        kind = kind == null ? Kind.GOOD : kind;
        balance = balance == null ? 10_000L : balance;
        depositMean = depositMean == null ? 50.0 : depositMean;
        depositStd = depositStd == null ? 10.0 : depositStd;
        actionIntervalMinutes = actionIntervalMinutes == null ? 10.0 : actionIntervalMinutes;
        actionIntervalStdSeconds = actionIntervalStdSeconds == null ? 1.0 : actionIntervalStdSeconds;
        mislabelProbability = mislabelProbability == null ? (kind == Kind.NOISY ? 0.2 : kind == Kind.GOOD ? 1e-4 : 0.0) : mislabelProbability;
        accuracyBonus = accuracyBonus == null ? 0.15 : accuracyBonus;
    }

    /** The reference simulation's agents: good N(50,10) every 10 min, bad N(100,3) every hour, 10,000 each. */
    static List<SumAgentParams> referencePair() {
        return List.of(new SumAgentParams("good", Kind.GOOD, 10_000L, 50.0, 10.0, 10.0, 1.0, 1e-4, 0.15),
                new SumAgentParams("bad", Kind.BAD, 10_000L, 100.0, 3.0, 60.0, 1.0, 0.0, 0.15));
    }
}
