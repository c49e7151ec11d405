package io.chainfl.engine.aggregation;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.chainfl.engine.aggregation.AggregatorParams.BulyanParams;
import io.chainfl.engine.aggregation.AggregatorParams.CenteredClippingParams;
import io.chainfl.engine.aggregation.AggregatorParams.FLTrustParams;
import io.chainfl.engine.aggregation.AggregatorParams.FedAvgParams;
import io.chainfl.engine.aggregation.AggregatorParams.KrumParams;
import io.chainfl.engine.aggregation.AggregatorParams.MedianParams;
import io.chainfl.engine.aggregation.AggregatorParams.MultiKrumParams;
import io.chainfl.engine.aggregation.AggregatorParams.NormClippingParams;
import io.chainfl.engine.aggregation.AggregatorParams.TrimmedMeanParams;
import io.chainfl.engine.config.ConfigValidator;
import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The registry of aggregation rules: the one place that maps each {@link AggregatorParams} record to its
 * {@link Aggregator}, a one-line description and the paper it comes from.
 */
public final class Aggregators {
    private static final PropertyNamingStrategies.NamingBase SNAKE = (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    /** How a params record becomes an aggregator; the supplier is the server's root update, null when the run has none. */
    private record Registration<P extends AggregatorParams>(
            Class<P> type, BiFunction<P, Supplier<float[]>, Aggregator> factory, String description, String reference) {
        Aggregator create(AggregatorParams params, Supplier<float[]> rootUpdate) {
            return factory.apply(type.cast(params), rootUpdate);
        }
    }

    private static final Map<Class<?>, Registration<?>> REGISTRY = new LinkedHashMap<>();

    static {
        register(FedAvgParams.class, (p, root) -> new FedAvg(),
                "mean of the updates weighted by local data size (no defence)",
                "McMahan et al. 2017, Communication-Efficient Learning of Deep Networks from Decentralized Data");
        register(MedianParams.class, (p, root) -> new CoordinateMedian(),
                "coordinate-wise median of the updates",
                "Yin et al. 2018, Byzantine-Robust Distributed Learning: Towards Optimal Statistical Rates");
        register(TrimmedMeanParams.class, (p, root) -> p.f() != null ? TrimmedMean.ofCount(p.f()) : TrimmedMean.ofFraction(p.beta()),
                "coordinate-wise mean after dropping the f (or beta * n) largest and smallest values",
                "Yin et al. 2018, Byzantine-Robust Distributed Learning: Towards Optimal Statistical Rates");
        register(KrumParams.class, (p, root) -> MultiKrum.krum(p.f()),
                "the single update closest to its n - f - 2 nearest neighbours",
                "Blanchard et al. 2017, Machine Learning with Adversaries: Byzantine Tolerant Gradient Descent");
        register(MultiKrumParams.class, (p, root) -> new MultiKrum(p.f(), p.m()),
                "mean of the m updates with the lowest Krum scores",
                "Blanchard et al. 2017, Machine Learning with Adversaries: Byzantine Tolerant Gradient Descent");
        register(BulyanParams.class, (p, root) -> new Bulyan(p.f()),
                "n - 2f updates chosen by iterated Krum, then a coordinate-wise mean of the values closest to the median",
                "El Mhamdi et al. 2018, The Hidden Vulnerability of Distributed Learning in Byzantium");
        register(NormClippingParams.class, (p, root) -> new NormClipping(p.maxNorm()),
                "FedAvg after scaling every update down to at most max_norm",
                "Sun et al. 2019, Can You Really Backdoor Federated Learning?");
        register(CenteredClippingParams.class, (p, root) -> new CenteredClipping(p.tau(), p.iterations()),
                "iterative clipping of the updates around the previous round's aggregate",
                "Karimireddy et al. 2021, Learning from History for Byzantine Robust Optimization");
        register(FLTrustParams.class, (p, root) -> root == null ? new FLTrust() : new FLTrust(root),
                "updates weighted by ReLU cosine similarity to the server's own update on root_samples clean samples held out of the pool, rescaled to its norm",
                "Cao et al. 2021, FLTrust: Byzantine-robust Federated Learning via Trust Bootstrapping");
    }

    private Aggregators() {}

    private static <P extends AggregatorParams> void register(
            Class<P> type, BiFunction<P, Supplier<float[]>, Aggregator> factory, String description, String reference) {
        REGISTRY.put(type, new Registration<>(type, factory, description, reference));
    }

    /** The aggregator a config section describes; FLTrust then needs {@link FLTrust#aggregate(List, float[])}. */
    public static Aggregator create(AggregatorParams params) {
        return create(params, null);
    }

    /**
     * The aggregator a config section describes. Bounds ({@link Range}) are checked here too, so params built
     * in code fail as params read from YAML do.
     *
     * @param rootUpdate the server's update on its root data, for rules that use one (FLTrust); may be null
     * @throws IllegalArgumentException when a parameter is out of range
     */
    public static Aggregator create(AggregatorParams params, Supplier<float[]> rootUpdate) {
        Objects.requireNonNull(params, "params");
        Registration<?> registration = REGISTRY.get(params.getClass());
        if (registration == null) {
            throw new IllegalArgumentException("no aggregator registered for " + params.getClass().getName());
        }
        String name = nameOf(params.getClass());
        ConfigValidator.walk(params, "", "").ifPresent(v -> {
            throw new IllegalArgumentException(name + "." + v.path() + ": " + v.message());
        });
        return registration.create(params, rootUpdate);
    }

    /** The records registered here, in catalogue order. */
    static List<Class<?>> registeredTypes() {
        return List.copyOf(REGISTRY.keySet());
    }

    /** One parameter of a rule: its YAML key, JSON-ish type, default (null when it has none), bounds and description. */
    public record Parameter(String name, String type, Object defaultValue, String range, String description) {}

    /** One rule: its {@code type} name, parameters, a one-line description and its reference paper. */
    public record Entry(String name, List<Parameter> parameters, String description, String reference) {}

    /** Every registered rule, in registration order, for {@code chainfl list defenses}. */
    public static List<Entry> catalogue() {
        List<Entry> entries = new ArrayList<>();
        for (Registration<?> r : REGISTRY.values()) {
            entries.add(new Entry(nameOf(r.type()), parameters(r.type()), r.description(), r.reference()));
        }
        return Collections.unmodifiableList(entries);
    }

    /** The {@code type} name a params record has in YAML, from {@link JsonSubTypes}. */
    public static String nameOf(Class<?> type) {
        for (JsonSubTypes.Type t : AggregatorParams.class.getAnnotation(JsonSubTypes.class).value()) {
            if (t.value() == type) {
                return t.name();
            }
        }
        throw new IllegalArgumentException(type.getName() + " is not listed in AggregatorParams' @JsonSubTypes");
    }

    private static List<Parameter> parameters(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Object defaults = defaultsOf(type, components);
        List<Parameter> out = new ArrayList<>();
        for (RecordComponent c : components) {
            Object value;
            try {
                value = c.getAccessor().invoke(defaults);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            Doc doc = c.getAnnotation(Doc.class);
            Range range = c.getAnnotation(Range.class);
            out.add(new Parameter(SNAKE.translate(c.getName()), typeName(c.getType()), value,
                    range == null ? "" : describe(range), doc == null ? "" : doc.value()));
        }
        return List.copyOf(out);
    }

    /** The record with every component null, i.e. with the defaults its compact constructor fills in. */
    private static Object defaultsOf(Class<?> type, RecordComponent[] components) {
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            return canonical.newInstance(new Object[components.length]);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build the defaults of " + type.getName(), e);
        }
    }

    private static String typeName(Class<?> raw) {
        if (raw == Integer.class || raw == Long.class) {
            return "integer";
        }
        if (raw == Double.class || raw == Float.class) {
            return "number";
        }
        if (raw == Boolean.class) {
            return "boolean";
        }
        return raw == String.class ? "string" : raw.getSimpleName();
    }

    private static String describe(Range range) {
        String low = range.min() == Double.NEGATIVE_INFINITY ? "" : (range.exclusiveMin() ? "> " : ">= ") + format(range.min());
        String high = range.max() == Double.POSITIVE_INFINITY ? "" : "<= " + format(range.max());
        return low.isEmpty() ? high : high.isEmpty() ? low : low + ", " + high;
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
