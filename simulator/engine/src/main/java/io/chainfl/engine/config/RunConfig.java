package io.chainfl.engine.config;

/** The root of a scenario YAML file. Every key but {@code scenario} has a documented default. */
public record RunConfig(
        @Doc("name of the run, used for the output folder") String name,
        @Doc("master seed: every random stream of the run is derived from it") Long seed,
        @Doc("number of training rounds") @Range(min = 1, max = 1_000_000) Integer rounds,
        @Doc("number of participants") @Range(min = 1, max = 10_000_000) Integer participants,
        @Doc("the protocol to run and its parameters, chosen by scenario.type") ScenarioParams scenario,
        @Doc("adversarial participants or server, each entry chosen by its type") java.util.List<AdversaryParams> adversaries,
        @Doc("where the data comes from and how it is split") DataConfig data,
        @Doc("the model every participant trains") ModelConfig model,
        @Doc("local training settings") TrainingConfig training,
        @Doc("differential privacy of the participants' updates: clipping, Gaussian noise and the dp_epsilon column (docs/privacy.md);"
                + " absent: none") PrivacyConfig privacy,
        @Doc("each participant's device (compute rate, bandwidths, latency, dropout), which sets how long its work takes in virtual time;"
                + " absent: devices take no time and a round lasts its ledger time") DevicesConfig devices,
        @Doc("reference runs drawn beside the scenario") BaselineConfig baseline,
        @Doc("where message hashes and contract calls are recorded") LedgerConfig ledger,
        @Doc("execution settings that never change results") RuntimeConfig runtime,
        @Doc("where results go") OutputConfig output,
        @Doc("several settings run from this one file, one line each in the charts (empty: a single run)") java.util.List<VariantConfig> variants,
        @Doc("a grid of settings and seeds run by 'chainfl sweep' (empty: no sweep)") SweepConfig sweep,
        @Doc("assertions over the results, checked by chainfl check (regression gates)") ExpectConfig expect) {

    public RunConfig {
        name = name == null ? "run" : name;
        seed = seed == null ? 42L : seed;
        rounds = rounds == null ? 10 : rounds;
        participants = participants == null ? 10 : participants;
        data = data == null ? DataConfig.defaults() : data;
        model = model == null ? ModelConfig.defaults() : model;
        training = training == null ? TrainingConfig.defaults() : training;
        baseline = baseline == null ? BaselineConfig.defaults() : baseline;
        ledger = ledger == null ? LedgerConfig.defaults() : ledger;
        runtime = runtime == null ? RuntimeConfig.defaults() : runtime;
        output = output == null ? OutputConfig.defaults() : output;
        adversaries = adversaries == null ? java.util.List.of() : java.util.List.copyOf(adversaries);
        variants = variants == null ? java.util.List.of() : java.util.List.copyOf(variants);
        sweep = sweep == null ? SweepConfig.defaults() : sweep;
        expect = expect == null ? ExpectConfig.defaults() : expect;
    }

    /** This config with one variant's overrides already applied and no variants of its own. */
    public RunConfig withoutVariants() {
        return new RunConfig(name, seed, rounds, participants, scenario, adversaries, data, model, training, privacy, devices, baseline, ledger, runtime, output, null, sweep, expect);
    }

    /** This config as one point of a sweep: the grid's values already applied, no sweep of its own. */
    public RunConfig withoutSweep() {
        return new RunConfig(name, seed, rounds, participants, scenario, adversaries, data, model, training, privacy, devices, baseline, ledger, runtime, output, variants, null, expect);
    }
}
