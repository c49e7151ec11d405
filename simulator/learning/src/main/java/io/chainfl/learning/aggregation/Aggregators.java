package io.chainfl.learning.aggregation;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.chainfl.learning.aggregation.AggregatorParams.BulyanParams;
import io.chainfl.learning.aggregation.AggregatorParams.CenteredClippingParams;
import io.chainfl.learning.aggregation.AggregatorParams.FLTrustParams;
import io.chainfl.learning.aggregation.AggregatorParams.FedAvgParams;
import io.chainfl.learning.aggregation.AggregatorParams.KrumParams;
import io.chainfl.learning.aggregation.AggregatorParams.MedianParams;
import io.chainfl.learning.aggregation.AggregatorParams.MultiKrumParams;
import io.chainfl.learning.aggregation.AggregatorParams.NormClippingParams;
import io.chainfl.learning.aggregation.AggregatorParams.TrimmedMeanParams;
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

/**
 * The registry of aggregation rules: the one place that maps each {@code type} name to its {@link AggregatorParams}
 * record, the factory that builds its {@link Aggregator} from the params and the server's context, a one-line
 * description and the paper it comes from. A new rule is its class (with its params record) and one line here;
 * the names reach the config loader and the JSON schema through {@link #types()}.
 */
public final class Aggregators {
    private static final PropertyNamingStrategies.NamingBase SNAKE = (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    /** How a rule is built: from its params and what the server holds besides the uploads. */
    @FunctionalInterface
    public interface Factory<P extends AggregatorParams> {
        Aggregator create(P params, ServerContext server);
    }

    private record Registration<P extends AggregatorParams>(String name, Class<P> type, Factory<P> factory, String description, String reference) {
        Aggregator create(AggregatorParams params, ServerContext server) {
            return factory.create(type.cast(params), server);
        }
    }

    private static final Map<Class<?>, Registration<?>> REGISTRY = new LinkedHashMap<>();

    static {
        register("fedavg", FedAvgParams.class, (p, server) -> new FedAvg(),
                "mean of the updates weighted by local data size (no defence)",
                "McMahan et al. 2017, Communication-Efficient Learning of Deep Networks from Decentralized Data");
        register("median", MedianParams.class, (p, server) -> new CoordinateMedian(),
                "coordinate-wise median of the updates",
                "Yin et al. 2018, Byzantine-Robust Distributed Learning: Towards Optimal Statistical Rates");
        register("trimmed_mean", TrimmedMeanParams.class, (p, server) -> p.f() != null ? TrimmedMean.ofCount(p.f()) : TrimmedMean.ofFraction(p.beta()),
                "coordinate-wise mean after dropping the f (or beta * n) largest and smallest values",
                "Yin et al. 2018, Byzantine-Robust Distributed Learning: Towards Optimal Statistical Rates");
        register("krum", KrumParams.class, (p, server) -> MultiKrum.krum(p.f()),
                "the single update closest to its n - f - 2 nearest neighbours",
                "Blanchard et al. 2017, Machine Learning with Adversaries: Byzantine Tolerant Gradient Descent");
        register("multi_krum", MultiKrumParams.class, (p, server) -> new MultiKrum(p.f(), p.m()),
                "mean of the m updates with the lowest Krum scores",
                "Blanchard et al. 2017, Machine Learning with Adversaries: Byzantine Tolerant Gradient Descent");
        register("bulyan", BulyanParams.class, (p, server) -> new Bulyan(p.f()),
                "n - 2f updates chosen by iterated Krum, then a coordinate-wise mean of the values closest to the median",
                "El Mhamdi et al. 2018, The Hidden Vulnerability of Distributed Learning in Byzantium");
        register("norm_clipping", NormClippingParams.class, (p, server) -> new NormClipping(p.maxNorm()),
                "FedAvg after scaling every update down to at most max_norm",
                "Sun et al. 2019, Can You Really Backdoor Federated Learning?");
        register("centered_clipping", CenteredClippingParams.class, (p, server) -> new CenteredClipping(p.tau(), p.iterations()),
                "iterative clipping of the updates around the previous round's aggregate",
                "Karimireddy et al. 2021, Learning from History for Byzantine Robust Optimization");
        register("fltrust", FLTrustParams.class, (p, server) -> RootTrustAggregator.of(server),
                "updates weighted by ReLU cosine similarity to the server's own update on root_samples clean samples held out of the pool, rescaled to its norm",
                "Cao et al. 2021, FLTrust: Byzantine-robust Federated Learning via Trust Bootstrapping");
        register("geometric_median", GeometricMedian.Params.class, (p, server) -> new GeometricMedian(p.nu(), p.maxIterations(), p.tolerance()),
                "RFA: the geometric median of the updates weighted by data size, by the smoothed Weiszfeld algorithm",
                "Pillutla, Kakade & Harchaoui 2022, Robust Aggregation for Federated Learning");
        register("dnc", DivideAndConquer.Params.class, (p, server) -> new DivideAndConquer(p, server.requireSeeds("dnc")),
                "Divide-and-Conquer: per iteration, drop the c * f updates projecting furthest on the top singular vector of a seeded coordinate sample; mean of those kept by every iteration",
                "Shejwalkar & Houmansadr 2021, Manipulating the Byzantine: Optimizing Model Poisoning Attacks and Defenses for Federated Learning");
        register("foolsgold", FoolsGold.Params.class, (p, server) -> new FoolsGold(p.confidence()),
                "updates weighted by how unlike the others each client's history of updates is (cosine similarity, pardoning, logit); keeps the histories across rounds",
                "Fung, Yoon & Beschastnikh 2020, The Limitations of Federated Learning in Sybil Settings");
        register("flame", Flame.Params.class, (p, server) -> new Flame(p.noiseLambda(), server.requireSeeds("flame")),
                "HDBSCAN on cosine distances admits the majority cluster; updates clipped to the median norm S, averaged, plus seeded Gaussian noise lambda * S",
                "Nguyen et al. 2022, FLAME: Taming Backdoors in Federated Learning");
        register("nnm", NearestNeighbourMixing.Params.class, (p, server) -> new NearestNeighbourMixing(p.f(), create(p.then(), server)),
                "nearest-neighbour mixing: each update becomes the mean of its n - f nearest updates, then the rule under then: aggregates them",
                "Allouah et al. 2023, Fixing by Mixing: A Recipe for Optimal Byzantine ML under Heterogeneity");
        register("bucketing", Bucketing.Params.class, (p, server) -> new Bucketing(p.bucketSize(), create(p.then(), server), server.requireSeeds("bucketing")),
                "seeded shuffle into buckets of bucket_size, the mean of each bucket, then the rule under then: aggregates the bucket means",
                "Karimireddy, He & Jaggi 2022, Byzantine-Robust Learning on Heterogeneous Datasets via Bucketing");
        register("l_nearest", LNearestGradients.Params.class, (p, server) -> new LNearestGradients(p.l()),
                "LearningChain's rule: the gradient with the smallest sum of Euclidean distances to its l nearest others, averaged with those l",
                "Chen, Ji, Luo, Liao & Li 2018, When Machine Learning Meets Blockchain: A Decentralized, Privacy-preserving and Secure Design");
    }

    private Aggregators() {}

    private static <P extends AggregatorParams> void register(
            String name, Class<P> type, Factory<P> factory, String description, String reference) {
        REGISTRY.put(type, new Registration<>(name, type, factory, description, reference));
    }

    /** {@code type} name to params record, for the config loader and the JSON schema. */
    public static Map<String, Class<? extends AggregatorParams>> types() {
        Map<String, Class<? extends AggregatorParams>> types = new LinkedHashMap<>();
        REGISTRY.values().forEach(r -> types.put(r.name(), r.type()));
        return types;
    }

    /** The aggregator a config section describes, for a server without data of its own (rules that need some refuse). */
    public static Aggregator create(AggregatorParams params) {
        return create(params, ServerContext.NONE);
    }

    /**
     * The aggregator a config section describes. Bounds ({@link Range}) are checked here too, so params built
     * in code fail as params read from YAML do.
     *
     * @param server what the server holds besides the uploads (FLTrust trains on its root data)
     * @throws IllegalArgumentException when a parameter is out of range or the rule needs server data the context lacks
     */
    public static Aggregator create(AggregatorParams params, ServerContext server) {
        Objects.requireNonNull(params, "params");
        Registration<?> registration = REGISTRY.get(params.getClass());
        if (registration == null) {
            throw new IllegalArgumentException("no aggregator registered for " + params.getClass().getName());
        }
        ConfigValidator.walk(params, "", "").ifPresent(v -> {
            throw new IllegalArgumentException(registration.name() + "." + v.path() + ": " + v.message());
        });
        return registration.create(params, server);
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
            entries.add(new Entry(r.name(), parameters(r.type()), r.description(), r.reference()));
        }
        return Collections.unmodifiableList(entries);
    }

    /** The {@code type} name a params record has in YAML. */
    public static String nameOf(Class<?> type) {
        Registration<?> registration = REGISTRY.get(type);
        if (registration == null) {
            throw new IllegalArgumentException(type.getName() + " is not a registered aggregator");
        }
        return registration.name();
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
            if (value instanceof AggregatorParams inner) {
                value = flow(inner); // a nested rule (nnm's and bucketing's then:) as it would be written in YAML
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

    /** A rule's section in YAML flow style with its non-null parameters, e.g. {@code {type: krum, f: 4}}. */
    static String flow(AggregatorParams params) {
        StringBuilder out = new StringBuilder("{type: ").append(nameOf(params.getClass()));
        for (RecordComponent c : params.getClass().getRecordComponents()) {
            Object value;
            try {
                value = c.getAccessor().invoke(params);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (value != null) {
                out.append(", ").append(SNAKE.translate(c.getName())).append(": ")
                        .append(value instanceof AggregatorParams inner ? flow(inner) : value);
            }
        }
        return out.append('}').toString();
    }

    private static String typeName(Class<?> raw) {
        if (raw == AggregatorParams.class) {
            return "aggregator";
        }
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
