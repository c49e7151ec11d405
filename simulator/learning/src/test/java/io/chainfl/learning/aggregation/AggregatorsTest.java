package io.chainfl.learning.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainfl.learning.aggregation.AggregatorParams.BulyanParams;
import io.chainfl.learning.aggregation.AggregatorParams.CenteredClippingParams;
import io.chainfl.learning.aggregation.AggregatorParams.FLTrustParams;
import io.chainfl.learning.aggregation.AggregatorParams.FedAvgParams;
import io.chainfl.learning.aggregation.AggregatorParams.KrumParams;
import io.chainfl.learning.aggregation.AggregatorParams.MedianParams;
import io.chainfl.learning.aggregation.AggregatorParams.MultiKrumParams;
import io.chainfl.learning.aggregation.AggregatorParams.NormClippingParams;
import io.chainfl.learning.aggregation.AggregatorParams.TrimmedMeanParams;
import io.chainfl.engine.config.ConfigMapper;
import io.chainfl.engine.config.TrainingConfig;
import io.chainfl.learning.data.Dataset;
import io.chainfl.engine.config.ModelConfig;
import io.chainfl.learning.model.ModelFactory;
import io.chainfl.engine.seed.SeedStreams;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AggregatorsTest {
    private final ObjectMapper yaml = ConfigMapper.yaml(new io.chainfl.engine.config.ConfigTypes().register(AggregatorParams.class, Aggregators.types()));

    private AggregatorParams read(String text) throws JsonProcessingException {
        return yaml.readValue(text, AggregatorParams.class);
    }

    @Test
    void bindsEveryTypeFromYaml() throws Exception {
        assertEquals(new MultiKrumParams(2, 3), read("{type: multi_krum, f: 2, m: 3}"));
        assertEquals(new MultiKrumParams(1, null), read("type: multi_krum\n"));
        assertEquals(new FedAvgParams(), read("type: fedavg"));
        assertEquals(new MedianParams(), read("type: median"));
        assertEquals(new TrimmedMeanParams(0.1, null), read("type: trimmed_mean"));
        assertEquals(new TrimmedMeanParams(null, 2), read("{type: trimmed_mean, f: 2}"));
        assertEquals(new TrimmedMeanParams(0.25, null), read("{type: trimmed_mean, beta: 0.25}"));
        assertEquals(new KrumParams(3), read("{type: krum, f: 3}"));
        assertEquals(new BulyanParams(1), read("type: bulyan"));
        assertEquals(new NormClippingParams(2.5), read("{type: norm_clipping, max_norm: 2.5}"));
        assertEquals(new CenteredClippingParams(0.5, 3), read("""
                type: centered_clipping
                tau: 0.5
                iterations: 3
                """));
        assertEquals(new FLTrustParams(null), read("type: fltrust"));
    }

    @Test
    void rejectsUnknownTypesKeysAndContradictions() {
        assertThrows(JsonProcessingException.class, () -> read("type: mean"));
        assertThrows(JsonProcessingException.class, () -> read("{type: krum, f: 1, m: 2}"));
        assertThrows(JsonProcessingException.class, () -> read("{type: norm_clipping, maxNorm: 2}"));
        assertThrows(JsonProcessingException.class, () -> read("{type: krum, f: '1'}"));
        assertThrows(JsonProcessingException.class, () -> read("{type: trimmed_mean, beta: 0.2, f: 1}"));
    }

    @Test
    void everyRegisteredTypeRoundTripsThroughYaml() throws Exception {
        List<AggregatorParams> samples = List.of(new FedAvgParams(), new MedianParams(), new TrimmedMeanParams(null, 2),
                new TrimmedMeanParams(0.2, null), new KrumParams(2), new MultiKrumParams(2, 3), new MultiKrumParams(0, null),
                new BulyanParams(1), new NormClippingParams(3.0), new CenteredClippingParams(5.0, 2), new FLTrustParams(null),
                new GeometricMedian.Params(1e-5, 10, 0.0), new DivideAndConquer.Params(4, 2, 100, 1.5), new FoolsGold.Params(2.0),
                new Flame.Params(0.01), new NearestNeighbourMixing.Params(4, new KrumParams(4)),
                new Bucketing.Params(2, new NearestNeighbourMixing.Params(1, new CenteredClippingParams(1.0, 1))));
        for (AggregatorParams p : samples) {
            String text = yaml.writeValueAsString(p);
            assertTrue(text.contains("type: \"" + Aggregators.nameOf(p.getClass()) + "\""), text);
            assertEquals(p, read(text), text);
        }
        assertEquals("type: \"norm_clipping\"\nmax_norm: 3.0\n", yaml.writeValueAsString(new NormClippingParams(3.0)));
    }

    @Test
    void everyParamsRecordIsRegisteredUnderTheNameItBindsFrom() {
        // the rules that predate the layout keep their records in AggregatorParams; later ones nest theirs in their class
        Set<Class<?>> nested = Arrays.stream(AggregatorParams.class.getDeclaredClasses()).filter(Class::isRecord).collect(Collectors.toSet());
        Set<Class<?>> beside = Set.of(GeometricMedian.Params.class, DivideAndConquer.Params.class, FoolsGold.Params.class, Flame.Params.class,
                NearestNeighbourMixing.Params.class, Bucketing.Params.class, LNearestGradients.Params.class);
        Set<Class<?>> all = new HashSet<>(nested);
        all.addAll(beside);
        assertEquals(all, new HashSet<>(Aggregators.registeredTypes()));
        Aggregators.types().forEach((name, type) -> assertEquals(name, Aggregators.nameOf(type)));
        assertEquals(List.copyOf(Aggregators.types().keySet()), Aggregators.catalogue().stream().map(Aggregators.Entry::name).toList());
    }

    @Test
    void catalogueDescribesEveryRuleWithDefaults() {
        List<Aggregators.Entry> catalogue = Aggregators.catalogue();
        assertEquals(List.of("fedavg", "median", "trimmed_mean", "krum", "multi_krum", "bulyan", "norm_clipping", "centered_clipping", "fltrust",
                "geometric_median", "dnc", "foolsgold", "flame", "nnm", "bucketing", "l_nearest"),
                catalogue.stream().map(Aggregators.Entry::name).toList());
        for (Aggregators.Entry e : catalogue) {
            assertFalse(e.description().isBlank(), e.name());
            assertTrue(e.reference().matches(".*\\b(19|20)\\d\\d\\b.*"), e.reference());
            e.parameters().forEach(p -> assertFalse(p.description().isBlank(), e.name() + "." + p.name()));
        }
        Aggregators.Entry multiKrum = catalogue.get(4);
        assertEquals(List.of(
                new Aggregators.Parameter("f", "integer", 1, ">= 0, <= 1000000", "Byzantine clients tolerated; needs more than 2f + 2 updates"),
                new Aggregators.Parameter("m", "integer", null, ">= 1, <= 10000000", "updates averaged, the lowest Krum scores; n - f when not set")),
                multiKrum.parameters());
        Aggregators.Parameter maxNorm = catalogue.get(6).parameters().get(0);
        assertEquals("max_norm", maxNorm.name());
        assertEquals(1.0, maxNorm.defaultValue());
        assertEquals(0.1, catalogue.get(2).parameters().get(0).defaultValue());
        Aggregators.Parameter then = catalogue.get(13).parameters().get(1);
        assertEquals(new Aggregators.Parameter("then", "aggregator", "{type: median}", "",
                "the rule that aggregates the mixed updates, any aggregator section, e.g. {type: krum, f: 4}"), then);
        assertEquals("{type: bucketing, bucket_size: 2, then: {type: krum, f: 4}}",
                Aggregators.flow(new Bucketing.Params(null, new KrumParams(4))));
    }

    @Test
    void composedRulesReadTheirInnerRuleFromYaml() throws Exception {
        assertEquals(new NearestNeighbourMixing.Params(4, new KrumParams(4)), read("{type: nnm, f: 4, then: {type: krum, f: 4}}"));
        assertEquals(new Bucketing.Params(2, new AggregatorParams.MedianParams()), read("type: bucketing"));
        assertThrows(JsonProcessingException.class, () -> read("{type: nnm, then: {type: mean}}"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Aggregators.create(new NearestNeighbourMixing.Params(1, new KrumParams(-1))));
        assertEquals("nnm.then.f: expected a value >= 0 and <= 1000000, got -1", e.getMessage());
        IllegalArgumentException noSeeds = assertThrows(IllegalArgumentException.class, () -> Aggregators.create(new Bucketing.Params(2, null)));
        assertEquals("bucketing draws seeded randomness of its own and needs the run's seed streams, which this server context lacks", noSeeds.getMessage());
    }

    @Test
    void createsTheAggregatorEachRecordNames() {
        // a server with a root data set and a model to train, as ScenarioContext builds it, so rules that need one (fltrust) build too
        ServerContext server = new ServerContext(Optional.of(new Dataset("root", new float[] {1, 0, 0, 1}, new int[] {0, 1}, 2, 2, null)),
                () -> ModelFactory.create(ModelConfig.defaults(), 2, null, 2, new SplittableRandom(1)), new TrainingConfig(0.1, 2, 1), new SeedStreams(1));
        for (Class<?> type : Aggregators.registeredTypes()) {
            Aggregators.Entry entry = Aggregators.catalogue().stream().filter(e -> e.name().equals(Aggregators.nameOf(type))).findFirst().orElseThrow();
            AggregatorParams defaults = assertInstanceOf(AggregatorParams.class, newWithNulls(type));
            assertEquals(entry.name(), Aggregators.create(defaults, server).name());
        }
        assertInstanceOf(TrimmedMean.class, Aggregators.create(new TrimmedMeanParams(null, 1)));
        MultiKrum krum = assertInstanceOf(MultiKrum.class, Aggregators.create(new KrumParams(1)));
        assertEquals("krum", krum.name());
        IllegalArgumentException noRoot = assertThrows(IllegalArgumentException.class, () -> Aggregators.create(new FLTrustParams(null)));
        assertEquals("fltrust needs the server's root data set, which this run's data was built without", noRoot.getMessage());
        assertEquals(100, new FLTrustParams(null).serverRootSamples(), "the server's root data is held out of the pool");
        assertEquals(0, new MedianParams().serverRootSamples());
    }

    @Test
    void createChecksRanges() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Aggregators.create(new KrumParams(-1)));
        assertEquals("krum.f: expected a value >= 0 and <= 1000000, got -1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Aggregators.create(new NormClippingParams(0.0)));
        assertEquals("norm_clipping.max_norm: expected a value > 0 and <= 1000000000000, got 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Aggregators.create(new TrimmedMeanParams(0.5, null)));
        assertNull(new MultiKrumParams(null, null).m());
    }

    private static Object newWithNulls(Class<?> type) {
        try {
            var components = type.getRecordComponents();
            Class<?>[] types = Arrays.stream(components).map(c -> c.getType()).toArray(Class<?>[]::new);
            return type.getDeclaredConstructor(types).newInstance(new Object[components.length]);
        } catch (ReflectiveOperationException ex) {
            throw new AssertionError(ex);
        }
    }
}
