package io.chainfl.cli;

import io.chainfl.engine.bench.ModelBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Local-training throughput (samples/s, batch 32) of softmax, MLP and CNN, beside a plain-Java",
            "float[] implementation and PyTorch on one CPU thread (when python3-torch is installed), with ratios."})
final class BenchCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        ModelBenchmark.run(System.out);
        return 0;
    }
}
