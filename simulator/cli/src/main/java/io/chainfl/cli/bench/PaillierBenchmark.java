package io.chainfl.cli.bench;

import io.chainfl.learning.crypto.DeterministicRandom;
import io.chainfl.learning.crypto.PaillierPublicKey;
import io.chainfl.learning.crypto.ThresholdPaillier;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Threshold Paillier per operation at DeepChain's 1024-bit keys, the implementation before issue 19 (classic
 * encryption r^n, the combination with one modPow and one inverse modulo N^2 per share, each decryption share one
 * modPow modulo N^2) against the current one (DJN encryption from a fixed-base table; shares, and the combination's
 * multi-exponentiation, through the dealer's factorization: {@code DealerTrapdoor}), measured in the same run:
 * rounds alternate the two, each timed in CPU time of this thread (the machine may be shared: wall time would
 * count other jobs), every operation once per round, and the ratio printed is the median over rounds of old / new. Then the DeepChain parties
 * study's crypto per ciphertext position (n encryptions, t decryption shares, one combination) from those times,
 * and the same exponentiations by GMP (python3-gmpy2) when it is installed.
 */
public final class PaillierBenchmark {
    private static final int KEY_BITS = 1024;
    private static final int PARTIES = 10;
    private static final int THRESHOLD = 4;
    private static final int ROUNDS = 7;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private PaillierBenchmark() {}

    public static void main(String[] args) {
        run(System.out);
    }

    /** Median milliseconds per call of one operation, and the median ratio to another measured beside it. */
    private record Timing(double millis, double ratioToNew) {}

    public static void run(PrintStream out) {
        out.println("chainfl Paillier benchmark: " + KEY_BITS + "-bit keys, " + PARTIES + " parties, t = " + THRESHOLD
                + ", CPU ms per operation of this thread, median of " + ROUNDS + " alternating rounds");
        ThresholdPaillier.Dealt dealt = ThresholdPaillier.deal(KEY_BITS, PARTIES, THRESHOLD, new DeterministicRandom(new SplittableRandom(19)));
        ThresholdPaillier scheme = dealt.scheme();
        PaillierPublicKey key = scheme.publicKey();
        SplittableRandom seeds = new SplittableRandom(20);
        BigInteger[] plaintexts = new BigInteger[16];
        for (int i = 0; i < plaintexts.length; i++) {
            plaintexts[i] = new BigInteger(KEY_BITS - 2, new DeterministicRandom(seeds.split()));
        }
        long tableStart = THREADS.getCurrentThreadCpuTime();
        key.encrypt(plaintexts[0], new DeterministicRandom(seeds.split())); // builds the fixed-base table
        double tableMillis = (THREADS.getCurrentThreadCpuTime() - tableStart) / 1e6;

        BigInteger ciphertext = key.encrypt(plaintexts[1], new DeterministicRandom(seeds.split()));
        List<ThresholdPaillier.DecryptionShare> shares = new ArrayList<>();
        for (int party = 0; party < THRESHOLD; party++) {
            shares.add(scheme.share(dealt.shares().get(party), ciphertext));
        }
        if (!dealt.trapdoor().combine(shares).equals(plaintexts[1]) || !scheme.combineClassic(shares).equals(plaintexts[1])) {
            throw new IllegalStateException("the two combinations disagree before they are timed");
        }

        // one round measures every operation once, so a load change between rounds moves all of them alike
        List<IntFunction<Object>> operations = List.of(
                i -> key.encryptClassic(plaintexts[i % plaintexts.length], new DeterministicRandom(seeds.split())),
                i -> key.encrypt(plaintexts[i % plaintexts.length], new DeterministicRandom(seeds.split())),
                i -> scheme.combineClassic(shares),
                i -> dealt.trapdoor().combine(shares),
                i -> scheme.share(dealt.shares().get(i % PARTIES), ciphertext),
                i -> dealt.trapdoor().share(dealt.shares().get(i % PARTIES), ciphertext));
        int[] calls = {12, 12, 12, 12, 4, 4};
        double[][] millis = alternate(operations, calls);
        Timing[] encryption = pair(millis[0], millis[1]);
        Timing[] combination = pair(millis[2], millis[3]);
        Timing[] share = pair(millis[4], millis[5]);

        out.printf(Locale.ROOT, "%-34s %12s %12s %8s%n", "operation", "before ms", "now ms", "before/now");
        row(out, "encryption (per ciphertext)", encryption);
        row(out, "decryption share", share);
        out.println("  (shares and combination, before: the parties' way modulo N^2, which the device-time model still charges;"
                + " now: the simulator's CRT with the dealer's factorization, the same values)");
        row(out, "combination of t = " + THRESHOLD + " shares", combination);
        out.printf(Locale.ROOT, "%-34s %12s %12.1f          (once per key, on the first encryption)%n",
                "fixed-base table", "-", tableMillis);

        out.println("DeepChain parties study, crypto per ciphertext position (n encryptions + t shares + 1 combination):");
        out.printf(Locale.ROOT, "%-34s %12s %12s %8s%n", "parties (t)", "before ms", "now ms", "before/now");
        for (int parties = 4; parties <= 10; parties += 2) {
            int t = parties / 3 + 1; // DeepChain's default threshold
            double before = parties * encryption[0].millis() + t * share[0].millis() + combination[0].millis();
            double now = parties * encryption[1].millis() + t * share[1].millis() + combination[1].millis();
            out.printf(Locale.ROOT, "%-34s %12.3f %12.3f %8.2f%n", parties + " (" + t + ")", before, now, before / now);
        }
        gmp(out, key, dealt.shares().get(0), ciphertext);
    }

    private static void row(PrintStream out, String name, Timing[] pair) {
        out.printf(Locale.ROOT, "%-34s %12.3f %12.3f %8.2f%n", name, pair[0].millis(), pair[1].millis(), pair[0].ratioToNew());
    }

    /** Every operation once per round, after a warm-up round: millis[operation][round]. */
    private static double[][] alternate(List<IntFunction<Object>> operations, int[] calls) {
        for (int k = 0; k < operations.size(); k++) {
            measureRound(operations.get(k), calls[k]);
        }
        double[][] millis = new double[operations.size()][ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            for (int k = 0; k < operations.size(); k++) {
                millis[k][r] = measureRound(operations.get(k), calls[k]);
            }
        }
        return millis;
    }

    /** Medians of the before and now rounds, each with the median of the per-round ratios before / now. */
    private static Timing[] pair(double[] before, double[] now) {
        double[] ratios = new double[before.length];
        for (int r = 0; r < before.length; r++) {
            ratios[r] = before[r] / now[r];
        }
        double ratio = median(ratios);
        return new Timing[] {new Timing(median(before), ratio), new Timing(median(now), ratio)};
    }

    /** CPU milliseconds per call over {@code calls} calls. */
    private static double measureRound(IntFunction<Object> operation, int calls) {
        int sink = 0;
        long start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < calls; i++) {
            sink += operation.apply(i).hashCode();
        }
        long nanos = THREADS.getCurrentThreadCpuTime() - start;
        if (sink == 42) {
            System.out.print(""); // keeps the results alive for the JIT
        }
        return nanos / 1e6 / calls;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** GMP's powmod for the same exponentiations, by python3-gmpy2; skipped with a message when it is absent. */
    private static void gmp(PrintStream out, PaillierPublicKey key, ThresholdPaillier.KeyShare keyShare, BigInteger ciphertext) {
        BigInteger shareExponent = keyShare.secret().multiply(factorial(PARTIES)).shiftLeft(1);
        String script = String.join("\n",
                "import sys, time, gmpy2",
                "n, c, e = (gmpy2.mpz(v) for v in sys.argv[1:4])",
                "n2 = n * n",
                "def per_call(f, calls=12):",
                "    f(0)",
                "    best = []",
                "    for _ in range(" + ROUNDS + "):",
                "        t = time.process_time()",
                "        for i in range(calls): f(i)",
                "        best.append((time.process_time() - t) / calls * 1000)",
                "    return sorted(best)[len(best) // 2]",
                "r = n // 3",
                "a = r >> (n.bit_length() // 2)",
                "print('%.3f %.3f %.3f' % (",
                "    per_call(lambda i: (1 + 5 * n) * gmpy2.powmod(r + i, n, n2) % n2),",
                "    per_call(lambda i: gmpy2.powmod(r + i, a, n2)),",
                "    per_call(lambda i: gmpy2.powmod(c + i, e, n2), 4)))");
        try {
            Process process = TorchPython.fetchedOrSystem()
                    .processBuilder(List.of("-c", script, key.n().toString(), ciphertext.toString(), shareExponent.toString()))
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
                out.println("GMP column skipped: python3-gmpy2 is not installed (chainfl bench --fetch-torch brings it, or Debian: apt-get install python3-gmpy2)"
                        + (output.contains("No module named") ? "" : "; python3 said: " + lastLine(output)));
                return;
            }
            String[] millis = output.split("\\s+");
            out.printf(Locale.ROOT, "GMP (gmpy2 powmod), CPU ms per call: classic encryption %s, a %d-bit exponent (DJN without"
                    + " a table) %s, decryption share %s%n", millis[0], key.randomnessBits() - 2, millis[1], millis[2]);
        } catch (IOException e) {
            out.println("GMP column skipped: no python3 on the PATH");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.split("\n");
        return lines[lines.length - 1];
    }

    private static BigInteger factorial(int k) {
        BigInteger f = BigInteger.ONE;
        for (int i = 2; i <= k; i++) {
            f = f.multiply(BigInteger.valueOf(i));
        }
        return f;
    }
}
