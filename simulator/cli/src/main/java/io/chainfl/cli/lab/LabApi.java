package io.chainfl.cli.lab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.chainfl.cli.ConfigValidation;
import io.chainfl.engine.UserError;
import io.chainfl.engine.run.RunFolder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.scaladsl.model.EntityStreamException;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.stream.Materializer;

/**
 * The lab's HTTP API and its pages: one function from request to response, so every answer passes through one
 * place that turns refusals into a 4xx with {@code {"error": "one line"}} (the CLI's wording for config problems)
 * and anything unexpected into a 500 with one line, never a stack trace.
 *
 * <p>About 360 lines: the routes are listed in {@link #route} in one switch on purpose, so what the lab serves can
 * be read in one place; the handlers are short (the live streams are {@link RunStream} and {@link SweepStream}, the
 * sweeps' plans {@link LabSweeps}).
 */
final class LabApi {
    /** The name composed configs go by in error messages, where a file name would be. */
    static final String COMPOSED_SOURCE = "compose.yaml";
    /** Largest request body accepted (a config is a few kB); larger ones get 413. */
    static final int MAX_BODY_BYTES = 256 * 1024;
    private static final Pattern ASSET = Pattern.compile("(lessons/)?[a-z0-9-]+\\.(html|js|css|json|svg)");
    /** "compose.yaml:LINE:COLUMN: key.path: message": where the page puts the error. */
    private static final Pattern POSITION = Pattern.compile("^" + Pattern.quote(COMPOSED_SOURCE) + ":(\\d+):(\\d+): ([^ :]+): ");
    private static final Pattern KEY_ONLY = Pattern.compile("^" + Pattern.quote(COMPOSED_SOURCE) + ": ([A-Za-z_][\\w.\\[\\]]*): ");
    private static final String APP_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'";
    /** Files from the runs folder may show themselves (report.html has inline CSS and SVG) but never run a script. */
    private static final String FILE_POLICY = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'self'";

    private final AccessGuard access;
    private final LabRuns runs;
    private final LabCatalogue catalogue;
    private final LabSweeps sweeps;
    private final Materializer materializer;
    private final ObjectMapper json = new ObjectMapper();
    private final YAMLMapper yaml = new YAMLMapper();

    LabApi(AccessGuard access, LabRuns runs, LabCatalogue catalogue, Materializer materializer) {
        this.access = access;
        this.runs = runs;
        this.catalogue = catalogue;
        this.sweeps = new LabSweeps(catalogue);
        this.materializer = materializer;
    }

    /** Answers one request; never fails (a failure becomes a JSON error response). */
    CompletionStage<HttpResponse> handle(HttpRequest request) {
        try {
            String method = request.method().value();
            String path = request.getUri().path();
            boolean staticAsset = method.equals("GET") && (path.equals("/") || path.startsWith("/assets/"));
            access.check(header(request, "Host"), request.getUri().query().get("token").orElse(null),
                    header(request, AccessGuard.TOKEN_HEADER), staticAsset);
            if (method.equals("POST")) {
                if (!header(request, "Content-Type", "").startsWith("application/json")) {
                    request.discardEntityBytes(materializer);
                    throw new LabHttpError(415, "send the request body as JSON (Content-Type: application/json)");
                }
                if (request.entity().getContentLengthOption().orElse(0L) > MAX_BODY_BYTES) {
                    request.discardEntityBytes(materializer);
                    return CompletableFuture.completedFuture(tooLarge());
                }
                return request.entity().toStrict(10_000, MAX_BODY_BYTES, materializer)
                        .thenApply(strict -> answer(() -> route(method, request, strict.getData().toArray())))
                        .exceptionally(this::bodyFailure);
            }
            request.discardEntityBytes(materializer);
            return CompletableFuture.completedFuture(answer(() -> route(method, request, null)));
        } catch (RuntimeException e) {
            request.discardEntityBytes(materializer);
            return CompletableFuture.completedFuture(failure(e));
        }
    }

    private HttpResponse route(String method, HttpRequest request, byte[] body) {
        String path = request.getUri().path();
        boolean get = method.equals("GET");
        boolean post = method.equals("POST");
        if (path.equals("/") && get) {
            return asset("index.html");
        }
        if (path.startsWith("/assets/") && get) {
            return asset(path.substring("/assets/".length()));
        }
        if (path.startsWith("/files/") && get) {
            return runFile(path.substring("/files/".length()));
        }
        String id = request.getUri().query().get("id").orElse(null);
        switch (path) {
            case "/api/catalogue":
                requireMethod(get, method, path);
                return ok(catalogue.catalogue());
            case "/api/config":
                requireMethod(get, method, path);
                String name = request.getUri().query().get("name").orElse(null);
                return ok(json.createObjectNode().put("name", name).put("yaml", catalogue.shippedConfig(name)));
            case "/api/validate":
                requireMethod(post, method, path);
                return ok(validate(text(body, "yaml")));
            case "/api/runs":
                if (post) {
                    JsonNode launch = parse(body);
                    String config = launch.path("config").isTextual() ? launch.get("config").asText() : null;
                    String composed = config != null ? catalogue.shippedConfig(config) : text(body, "yaml");
                    return json(202, json.createObjectNode().put("id", runs.launch(composed)));
                }
                requireMethod(get, method, path);
                return ok(json.valueToTree(runs.list()));
            case "/api/run":
                requireMethod(get, method, path);
                return ok(runDetail(required(id, "id")));
            case "/api/stop":
                requireMethod(post, method, path);
                runs.stop(text(body, "id"));
                return json(202, json.createObjectNode().put("id", text(body, "id")));
            case "/api/resume":
                requireMethod(post, method, path);
                return json(202, json.createObjectNode().put("id", runs.resume(text(body, "id"))));
            case "/api/stream":
                requireMethod(get, method, path);
                return RunStream.response(runs, required(id, "id"));
            case "/api/sweep/plan":
                requireMethod(post, method, path);
                return ok(sweeps.describe(sweeps.plan(parse(body))));
            case "/api/sweeps":
                requireMethod(post, method, path);
                return json(202, json.createObjectNode().put("id", runs.launchSweep(sweeps.plan(parse(body)).checked())));
            case "/api/sweep/stream":
                requireMethod(get, method, path);
                return SweepStream.response(runs, required(id, "id"));
            default:
                throw LabHttpError.notFound("no such page or API: " + PathGuard.printable(path)
                        + " (the API is under /api/: catalogue, config, validate, runs, run, stop, resume, stream, sweep/plan, sweeps, sweep/stream)");
        }
    }

    /** Loads the YAML as {@code chainfl validate} does; a problem is an answer (ok: false), not a failed request. */
    private ObjectNode validate(String text) {
        ObjectNode answer = json.createObjectNode();
        try {
            answer.set("tree", yaml.readTree(text));
        } catch (JsonProcessingException e) {
            answer.putNull("tree");
        }
        try {
            ConfigValidation.Checked checked = ConfigValidation.text(COMPOSED_SOURCE, text);
            answer.put("ok", true).put("resolved", ConfigValidation.resolvedYaml(checked.config()))
                    .put("variants", checked.variants()).put("sweep_points", checked.sweepPoints());
        } catch (UserError e) {
            answer.put("ok", false).put("error", e.getMessage());
            Matcher at = POSITION.matcher(e.getMessage());
            if (at.find()) {
                answer.put("line", Integer.parseInt(at.group(1))).put("column", Integer.parseInt(at.group(2))).put("key", at.group(3));
            } else {
                Matcher key = KEY_ONLY.matcher(e.getMessage());
                if (key.find()) {
                    answer.put("key", key.group(1));
                }
            }
        }
        return answer;
    }

    private ObjectNode runDetail(String id) {
        Path dir = runs.runFolder(id);
        ObjectNode detail = json.valueToTree(runs.info(id));
        detail.set("metrics", table(dir.resolve(RunFolder.METRICS)));
        detail.set("events", table(dir.resolve(RunFolder.EVENTS)));
        Path summary = dir.resolve(RunFolder.SUMMARY);
        try {
            detail.set("summary", Files.exists(summary) ? json.readTree(summary.toFile()) : json.nullNode());
        } catch (IOException e) {
            detail.putNull("summary");
        }
        return detail;
    }

    private ArrayNode table(Path file) {
        CsvTail.Update all = new CsvTail(file).poll();
        ArrayNode rows = json.createArrayNode();
        if (!all.header().isEmpty()) {
            rows.add(json.valueToTree(all.header()));
        }
        all.rows().forEach(r -> rows.add(json.valueToTree(r)));
        return rows;
    }

    /** A file of the runs folder (report.html, charts, CSV tables), through the path guard. */
    private HttpResponse runFile(String relative) {
        Path file = runs.guard().resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw LabHttpError.notFound("no such file in the runs folder: " + PathGuard.printable(relative));
        }
        return HttpResponse.create().withEntity(HttpEntities.create(contentType(file.getFileName().toString()), file))
                .addHeader(HttpHeader.parse("Content-Security-Policy", FILE_POLICY))
                .addHeader(HttpHeader.parse("X-Content-Type-Options", "nosniff"));
    }

    private HttpResponse asset(String name) {
        if (!ASSET.matcher(name).matches()) {
            throw LabHttpError.notFound("no such asset: " + PathGuard.printable(name));
        }
        try (InputStream in = LabApi.class.getResourceAsStream("web/" + name)) {
            if (in == null) {
                throw LabHttpError.notFound("no such asset: " + name);
            }
            return HttpResponse.create().withEntity(HttpEntities.create(contentType(name), in.readAllBytes()))
                    .addHeader(HttpHeader.parse("Content-Security-Policy", APP_POLICY))
                    .addHeader(HttpHeader.parse("X-Content-Type-Options", "nosniff"));
        } catch (IOException e) {
            throw new IllegalStateException("asset " + name + " in the jar is unreadable", e);
        }
    }

    static ContentType contentType(String name) {
        String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
        return switch (ext) {
            case "html" -> ContentTypes.TEXT_HTML_UTF8;
            case "js" -> ContentTypes.parse("text/javascript; charset=UTF-8");
            case "css" -> ContentTypes.parse("text/css; charset=UTF-8");
            case "json" -> ContentTypes.APPLICATION_JSON;
            case "svg" -> ContentTypes.parse("image/svg+xml");
            case "png" -> ContentTypes.parse("image/png");
            case "csv" -> ContentTypes.TEXT_CSV_UTF8;
            case "yaml", "txt", "log" -> ContentTypes.TEXT_PLAIN_UTF8;
            default -> ContentTypes.APPLICATION_OCTET_STREAM;
        };
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw LabHttpError.badRequest("request body: expected a JSON object, e.g. {\"yaml\": \"...\"}");
            }
            return node;
        } catch (IOException e) {
            throw LabHttpError.badRequest("request body: not valid JSON (" + PathGuard.printable(String.valueOf(e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage())) + ")");
        }
    }

    private String text(byte[] body, String field) {
        JsonNode value = parse(body).get(field);
        if (value == null || !value.isTextual()) {
            throw LabHttpError.badRequest("request body: '" + field + "' must be a string");
        }
        return value.asText();
    }

    private static String required(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw LabHttpError.badRequest("missing query parameter '" + name + "'");
        }
        return value;
    }

    private static void requireMethod(boolean allowed, String method, String path) {
        if (!allowed) {
            throw new LabHttpError(405, method + " is not allowed on " + path);
        }
    }

    private static String header(HttpRequest request, String name) {
        return header(request, name, null);
    }

    private static String header(HttpRequest request, String name, String fallback) {
        if (name.equalsIgnoreCase("Content-Type")) {
            // Pekko keeps the content type on the entity, not among the headers
            ContentType type = request.entity().getContentType();
            return type.equals(ContentTypes.NO_CONTENT_TYPE) ? fallback : type.mediaType().toString();
        }
        Optional<HttpHeader> h = request.getHeader(name);
        return h.map(HttpHeader::value).orElse(fallback);
    }

    private HttpResponse answer(java.util.function.Supplier<HttpResponse> handler) {
        try {
            return handler.get();
        } catch (RuntimeException e) {
            return failure(e);
        }
    }

    private HttpResponse bodyFailure(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        for (Throwable c = t; c != null; c = c.getCause()) {
            // Pekko says "too large" with EntityStreamSizeException, or with its parent class when the declared
            // length is over the limit
            if (c instanceof EntityStreamSizeException || c instanceof EntityStreamException && String.valueOf(c.getMessage()).contains("too large")) {
                return tooLarge();
            }
            if (c instanceof EntityStreamException) {
                return error(400, "request body could not be read: " + PathGuard.printable(String.valueOf(c.getMessage())));
            }
        }
        if (cause instanceof RuntimeException e) {
            return failure(e);
        }
        return error(400, "request body could not be read (" + cause.getClass().getSimpleName() + ")");
    }

    private HttpResponse tooLarge() {
        return error(413, "request body over " + MAX_BODY_BYTES + " bytes; a config is a few kB");
    }

    private HttpResponse failure(RuntimeException e) {
        if (e instanceof LabHttpError refused) {
            return error(refused.status(), refused.getMessage());
        }
        if (e instanceof UserError user) {
            return error(400, user.getMessage());
        }
        return error(500, "internal error: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")));
    }

    private HttpResponse error(int status, String message) {
        return json(status, json.createObjectNode().put("error", message));
    }

    private HttpResponse ok(JsonNode body) {
        return json(200, body);
    }

    private HttpResponse json(int status, JsonNode body) {
        try {
            return HttpResponse.create().withStatus(status)
                    .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, json.writeValueAsBytes(body)))
                    .addHeader(HttpHeader.parse("X-Content-Type-Options", "nosniff"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON answer", e);
        }
    }
}
