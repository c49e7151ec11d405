package io.chainfl.engine.config;

/** The root of a scenario YAML file. Every key but {@code scenario} has a documented default. */
public record RunConfig(
        @Doc("name of the run, used for the output folder") String name,
        @Doc("master seed: every random stream of the run is derived from it") Long seed,
        @Doc("number of training rounds") @Range(min = 1, max = 1_000_000) Integer rounds,
        @Doc("number of participants") @Range(min = 1, max = 10_000_000) Integer participants,
        @Doc("the protocol to run and its parameters, chosen by scenario.type") ScenarioParams scenario,
        @Doc("where the data comes from and how it is split") DataConfig data,
        @Doc("the model every participant trains") ModelConfig model,
        @Doc("local training settings") TrainingConfig training,
        @Doc("reference runs drawn beside the scenario") BaselineConfig baseline,
        @Doc("where message hashes and contract calls are recorded") LedgerConfig ledger,
        @Doc("execution settings that never change results") RuntimeConfig runtime,
        @Doc("where results go") OutputConfig output) {

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
    }

    public RunConfig withSeed(long newSeed) {
        return new RunConfig(name, newSeed, rounds, participants, scenario, data, model, training, baseline, ledger, runtime, output);
    }

    public RunConfig withRuntime(RuntimeConfig newRuntime) {
        return new RunConfig(name, seed, rounds, participants, scenario, data, model, training, baseline, ledger, newRuntime, output);
    }
}
