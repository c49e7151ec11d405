package io.chainfl.cli;

import io.chainfl.agents.ledger.LedgerActorBenchmark;
import io.chainfl.cli.bench.EvaluationBenchmark;
import io.chainfl.cli.bench.LoadingBenchmark;
import io.chainfl.cli.bench.ModelBenchmark;
import io.chainfl.cli.bench.PaillierBenchmark;
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
            "then threshold Paillier per operation at 1024-bit keys, before and now in the same run (with their ratios), beside GMP when python3-gmpy2 is installed.",
            "`chainfl bench scale`: memory per participant and rounds per second at 100 to 10,000 participants."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--only", paramLabel = "WHAT", description = "models, threads, evaluation, loading, ledger or paillier (default: all six)")
    String only;

    @Override
    public Integer call() throws Exception {
        if (only != null && !List.of("models", "threads", "evaluation", "loading", "ledger", "paillier").contains(only)) {
            throw new UserError("--only: expected models, threads, evaluation, loading, ledger or paillier, got '" + only + "'");
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
        return 0;
    }
}
