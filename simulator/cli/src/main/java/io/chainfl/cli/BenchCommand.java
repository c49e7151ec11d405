package io.chainfl.cli;

import io.chainfl.agents.ledger.LedgerActorBenchmark;
import io.chainfl.cli.bench.EvaluationBenchmark;
import io.chainfl.cli.bench.LoadingBenchmark;
import io.chainfl.cli.bench.ModelBenchmark;
import io.chainfl.cli.bench.PaillierBenchmark;
import io.chainfl.cli.bench.TorchPython;
import io.chainfl.cli.bench.WholeJobBenchmark;
import io.chainfl.ledger.sim.LedgerSimBenchmark;
import io.chainfl.engine.UserError;
import io.chainfl.learning.data.IdxSource;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = ScaleBenchCommand.class,
        description = {"Benchmarks: local-training throughput against plain Java and PyTorch; ledger posts per second.",
            "Samples/s (batch 32) of softmax, MLP and CNN, beside a plain-Java float[] implementation and PyTorch on one CPU thread (when python3-torch is installed), with ratios;",
            "then the quickstart's FedAvg training on 1 and 2 training threads (samples/s, their ratio) and its participant loop per thread against the centralized loop;",
            "then accuracy, macro-F1 and confusion matrix per second by chainfl and by Tribuo's LabelEvaluator (with their ratio);",
            "then loading Fashion-MNIST's IDX files and a 10,000-row CSV by chainfl's readers and by Tribuo's data sources (with their ratios), and the binary cache;",
            "then simulated-ledger hash posts per second, by direct calls and through the ledger node actor (with their ratio). The Ethereum node benchmark is LedgerBenchmark (docs/ethereum.md);",
            "then threshold Paillier per operation at 1024-bit keys, before and now in the same run (with their ratios), beside GMP when python3-gmpy2 is installed;",
            "then the whole job: chainfl run's quickstart in a child JVM against the same workload as a plain one-thread PyTorch loop (wall time, peak memory, CPU, ratios).",
            "`chainfl bench --fetch-torch` unpacks Debian's python3-torch 1.13 with OpenBLAS into .cache/peers/torch (scripts/fetch-torch.sh) for the PyTorch peers.",
            "`chainfl bench scale`: memory per participant and rounds per second at 100 to 10,000 participants."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--only", paramLabel = "WHAT", description = "models, threads, evaluation, loading, ledger, paillier or wholejob (default: all seven)")
    String only;

    @Option(names = "--fetch-torch", description = "first unpack Debian's python3-torch 1.13 and OpenBLAS into .cache/peers/torch"
            + " (scripts/fetch-torch.sh: about 150 MiB download, 700 MiB unpacked; no root install), then benchmark")
    boolean fetchTorch;

    @Override
    public Integer call() throws Exception {
        if (only != null && !List.of("models", "threads", "evaluation", "loading", "ledger", "paillier", "wholejob").contains(only)) {
            throw new UserError("--only: expected models, threads, evaluation, loading, ledger, paillier or wholejob, got '" + only + "'");
        }
        if (fetchTorch) {
            fetchTorch();
        }
        if (only == null || only.equals("models")) {
            ModelBenchmark.run(System.out);
        }
        if (only == null || only.equals("threads")) {
            ThreadsBenchmark.run(System.out);
        }
        if (only == null || only.equals("evaluation")) {
            EvaluationBenchmark.run(System.out);
        }
        if (only == null || only.equals("loading")) {
            LoadingBenchmark.run(System.out, Path.of(IdxSource.FASHION_MNIST_DEBIAN_DIR));
        }
        if (only == null || only.equals("ledger")) {
            double direct = LedgerSimBenchmark.postsPerSecond(System.out);
            LedgerActorBenchmark.postsPerSecond(System.out, direct);
        }
        if (only == null || only.equals("paillier")) {
            PaillierBenchmark.run(System.out);
        }
        if (only == null || only.equals("wholejob")) {
            WholeJobBenchmark.run(System.out, Configs.load(null, List.of()));
        }
        return 0;
    }

    /** Runs the fetch script of the project folder the launcher names; its own messages say what went wrong. */
    private static void fetchTorch() throws java.io.IOException, InterruptedException {
        Path script = Path.of(System.getProperty(TorchPython.ROOT_PROPERTY, ".")).resolve(TorchPython.FETCH_SCRIPT);
        if (!java.nio.file.Files.isRegularFile(script)) {
            throw new UserError("--fetch-torch: " + script + " is missing; run chainfl from its project folder (./chainfl bench --fetch-torch)");
        }
        int exit = new ProcessBuilder("bash", script.toString()).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new UserError("--fetch-torch: " + TorchPython.FETCH_SCRIPT + " failed (exit " + exit + ", its message is above); the bench runs without it once that is fixed");
        }
    }
}
