package io.chainfl.cli.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chainfl.cli.SweepPlan;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.run.RunFolder;
import io.chainfl.scenarios.run.Simulation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * A sweep followed live, as server-sent events, from its folder alone: the plan comes from the sweep's config.yaml
 * (expanded as {@code chainfl sweep} does, so the cells' folder names are the runner's), and a cell is finished
 * once its run folder holds summary.json. So the lab's sweeps and sweep folders written by the command line are
 * followed the same way.
 */
final class SweepStream {
    private static final Duration POLL = Duration.ofMillis(300);
    private static final int KEEPALIVE_POLLS = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SweepStream() {}

    /**
     * Events: {@code plan} first (axes, and every cell with its swept values, seed and run id), then {@code cell}
     * whenever a cell starts running or finishes (a finished one with its series' numbers at the last round),
     * {@code status} when the sweep's state changes, and {@code end} once it is no longer live and all was sent.
     */
    static HttpResponse response(LabRuns runs, String id) {
        Path dir = runs.runFolder(id);
        if (!runs.isSweep(dir)) {
            throw LabHttpError.badRequest(id + ": not a sweep; /api/stream follows a single run");
        }
        RunConfig config = Simulation.configLoader().load(dir.resolve(RunFolder.CONFIG), List.of());
        List<SweepPlan.Point> points = SweepPlan.expand(config);
        List<String> keys = new ArrayList<>(config.sweep().grid().keySet());
        String[] sent = new String[points.size()];
        AtomicReference<String> lastStatus = new AtomicReference<>("");
        AtomicBoolean planSent = new AtomicBoolean();
        AtomicBoolean ended = new AtomicBoolean();
        AtomicInteger quiet = new AtomicInteger();
        Source<ByteString, ?> source = Source.tick(Duration.ZERO, POLL, "poll")
                .takeWhile(t -> !ended.get())
                .map(t -> {
                    boolean live = runs.live(id);
                    StringBuilder out = new StringBuilder();
                    if (!planSent.getAndSet(true)) {
                        event(out, "plan", plan(runs, id, dir, points, keys));
                    }
                    for (SweepPlan.Point point : points) {
                        Path folder = dir.resolve(point.folderName());
                        String state = Files.exists(folder.resolve(RunFolder.SUMMARY)) ? "finished"
                                : live && Files.exists(RunFolder.partial(folder.resolve(RunFolder.METRICS))) ? "running" : "pending";
                        if (!state.equals(sent[point.index()]) && !(state.equals("pending") && sent[point.index()] == null)) {
                            sent[point.index()] = state;
                            ObjectNode cell = JSON.createObjectNode().put("index", point.index()).put("state", state);
                            if (state.equals("finished")) {
                                cell.setAll(LabSweeps.finals(folder));
                            }
                            event(out, "cell", cell);
                        }
                    }
                    String status = JSON.writeValueAsString(runs.info(id));
                    if (!status.equals(lastStatus.getAndSet(status))) {
                        out.append("event: status\ndata: ").append(status).append("\n\n");
                    }
                    if (!live) {
                        ended.set(true);
                        out.append("event: end\ndata: {}\n\n");
                    }
                    if (out.length() == 0 && quiet.incrementAndGet() >= KEEPALIVE_POLLS) {
                        out.append(": keepalive\n\n");
                    }
                    if (out.length() > 0) {
                        quiet.set(0);
                    }
                    return ByteString.fromString(out.toString());
                })
                .filter(bytes -> !bytes.isEmpty());
        return HttpResponse.create().withEntity(HttpEntities.createChunked(ContentTypes.parse("text/event-stream"), source))
                .addHeader(HttpHeader.parse("Cache-Control", "no-cache"));
    }

    private static ObjectNode plan(LabRuns runs, String id, Path dir, List<SweepPlan.Point> points, List<String> keys) {
        ObjectNode plan = JSON.createObjectNode().put("id", id).put("shape", LabSweeps.shape(points, keys));
        plan.set("axes", LabSweeps.axes(points, keys));
        ArrayNode cells = plan.putArray("cells");
        for (SweepPlan.Point point : points) {
            ObjectNode cell = cells.addObject().put("index", point.index()).put("seed", point.seed())
                    .put("run", runs.guard().idOf(dir.resolve(point.folderName())));
            ObjectNode values = cell.putObject("values");
            point.values().forEach(values::put);
        }
        return plan;
    }

    private static void event(StringBuilder out, String name, ObjectNode data) throws com.fasterxml.jackson.core.JsonProcessingException {
        out.append("event: ").append(name).append("\ndata: ").append(JSON.writeValueAsString(data)).append("\n\n");
    }
}
