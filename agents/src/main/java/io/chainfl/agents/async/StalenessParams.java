package io.chainfl.agents.async;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;

/**
 * How FedAsync discounts a stale update, {@code scenario.asynchronous.staleness}: the functions s(t - tau) of Xie,
 * Koyejo and Gupta 2019 ("Asynchronous Federated Optimization", Section 5.2), where t - tau is the number of server
 * model versions between the one the participant trained on and the one its update is mixed into. The server mixes
 * with alpha_t = alpha * s(t - tau).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(name = "constant", value = StalenessParams.Constant.class),
        @JsonSubTypes.Type(name = "polynomial", value = StalenessParams.Polynomial.class),
        @JsonSubTypes.Type(name = "hinge", value = StalenessParams.Hinge.class)})
public interface StalenessParams {

    /** s(staleness), in (0, 1]; {@code staleness} counts versions and is never negative. */
    double weight(long staleness);

    /** s = 1: every update mixes with alpha, however stale. */
    record Constant() implements StalenessParams {
        @Override
        public double weight(long staleness) {
            return 1.0;
        }
    }

    /** s = (staleness + 1)^-a. */
    record Polynomial(@Doc("exponent a of s = (staleness + 1)^-a") @Range(min = 0, max = 100, exclusiveMin = true) Double a) implements StalenessParams {
        public Polynomial {
            a = a == null ? 0.5 : a;
        }

        @Override
        public double weight(long staleness) {
            // StrictMath: the same bits on every CPU (docs/determinism.md)
            return StrictMath.pow(staleness + 1.0, -a);
        }
    }

    /** s = 1 up to b versions of staleness, then 1 / (a (staleness - b) + 1). */
    record Hinge(@Doc("slope a of s = 1 / (a (staleness - b) + 1) past b") @Range(min = 0, max = 1e6, exclusiveMin = true) Double a,
                 @Doc("staleness b (versions) up to which s = 1") @Range(min = 0, max = 1e9) Double b) implements StalenessParams {
        public Hinge {
            a = a == null ? 10.0 : a;
            b = b == null ? 4.0 : b;
        }

        @Override
        public double weight(long staleness) {
            return staleness <= b ? 1.0 : 1.0 / (a * (staleness - b) + 1.0);
        }
    }
}
