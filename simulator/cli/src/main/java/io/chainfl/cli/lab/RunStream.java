package io.chainfl.cli.lab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chainfl.engine.run.RunFolder;
import java.nio.file.Path;
import java.time.Duration;
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
 * A run followed live, as server-sent events: the run's own tables are read as it writes them (the same files a
 * finished run leaves), so the page sees exactly what the folder will hold, for the lab's runs and for runs started
 * from the command line alike.
 */
final class RunStream {
    private static final Duration POLL = Duration.ofMillis(300);
    /** Polls without news after which the stream sends a comment, so no proxy or idle timeout closes it. */
    private static final int KEEPALIVE_POLLS = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunStream() {}

    /**
     * Server-sent events while the run writes its tables: {@code metrics} and {@code events} with the new rows
     * (header included, reset after a resume cut the tables back), {@code status} when its state changes; the
     * stream ends once the run is no longer live and everything was sent.
     */
    static HttpResponse response(LabRuns runs, String id) {
        Path dir = runs.runFolder(id);
        CsvTail metrics = new CsvTail(dir.resolve(RunFolder.METRICS));
        CsvTail events = new CsvTail(dir.resolve(RunFolder.EVENTS));
        AtomicReference<String> lastStatus = new AtomicReference<>("");
        AtomicBoolean ended = new AtomicBoolean();
        AtomicInteger quiet = new AtomicInteger();
        Source<ByteString, ?> source = Source.tick(Duration.ZERO, POLL, "poll")
                .takeWhile(t -> !ended.get())
                .map(t -> {
                    boolean live = runs.live(id);
                    StringBuilder out = new StringBuilder();
                    event(out, "metrics", metrics.poll());
                    event(out, "events", events.poll());
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

    private static void event(StringBuilder out, String name, CsvTail.Update update) throws JsonProcessingException {
        if (update.isEmpty()) {
            return;
        }
        ObjectNode data = JSON.createObjectNode().put("reset", update.reset());
        data.set("header", JSON.valueToTree(update.header()));
        data.set("rows", JSON.valueToTree(update.rows()));
        out.append("event: ").append(name).append("\ndata: ").append(JSON.writeValueAsString(data)).append("\n\n");
    }

}
