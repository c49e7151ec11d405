package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Headless chromium driven through the DevTools protocol over its WebSocket (the JDK's client, no driver to
 * install): navigate, evaluate JavaScript, click with real mouse events at an element's centre, type, and take
 * screenshots. The browser tests of the lab click through it as a student would.
 */
final class DevToolsBrowser implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    /** Calls sent and not yet answered, by id; the socket's listener completes them. */
    private final Map<Integer, CompletableFuture<JsonNode>> pending;

    private DevToolsBrowser(Process process, Path profile, WebSocket socket, Map<Integer, CompletableFuture<JsonNode>> pending) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
        this.pending = pending;
    }

    static DevToolsBrowser start(int width, int height) throws Exception {
        Path work = Files.createDirectories(Path.of("target", "chromium"));
        Path profile = Files.createTempDirectory(work, "devtools-");
        Process process = new ProcessBuilder(HeadlessChromium.binary().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions", "--disable-background-networking",
                "--remote-debugging-port=0", "--remote-allow-origins=*", "--window-size=" + width + "," + height, "--hide-scrollbars",
                "--user-data-dir=" + profile.toAbsolutePath(), "about:blank")
                .redirectErrorStream(true).redirectOutput(work.resolve("devtools-chromium.log").toFile()).start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(portFile) && Files.readAllLines(portFile).size() >= 1 && !Files.readAllLines(portFile).get(0).isBlank())) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                process.destroyForcibly();
                fail("chromium did not open its DevTools port within 60 s");
            }
            Thread.sleep(100);
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
        HttpClient http = HttpClient.newHttpClient();
        String pageSocket = null;
        for (int attempt = 0; attempt < 50 && pageSocket == null; attempt++) {
            String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (JsonNode target : JSON.readTree(list)) {
                if (target.path("type").asText().equals("page")) {
                    pageSocket = target.get("webSocketDebuggerUrl").asText();
                }
            }
            if (pageSocket == null) {
                Thread.sleep(100);
            }
        }
        if (pageSocket == null) {
            fail("chromium has no page to drive");
        }
        Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), new WebSocket.Listener() {
            private final StringBuilder message = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                message.append(data);
                if (last) {
                    try {
                        JsonNode reply = JSON.readTree(message.toString());
                        if (reply.has("id")) {
                            CompletableFuture<JsonNode> waiting = pending.remove(reply.get("id").asInt());
                            if (waiting != null) {
                                waiting.complete(reply);
                            }
                        }
                    } catch (IOException e) {
                        // not a reply we wait for
                    }
                    message.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
        return new DevToolsBrowser(process, profile, socket, pending);
    }

    JsonNode call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        socket.sendText(JSON.writeValueAsString(message), true).get(30, TimeUnit.SECONDS);
        JsonNode answer = reply.get(60, TimeUnit.SECONDS);
        if (answer.has("error")) {
            fail(method + " failed in chromium: " + answer.get("error"));
        }
        return answer.get("result");
    }

    void navigate(String url) throws Exception {
        call("Page.enable", Map.of());
        call("Page.navigate", Map.of("url", url));
    }

    /** The value of a JavaScript expression (promises awaited), as JSON. */
    JsonNode eval(String expression) throws Exception {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "awaitPromise", true, "returnByValue", true));
        if (result.has("exceptionDetails")) {
            fail("script failed in the page: " + expression + ": " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Waits until {@code condition} (a JavaScript expression) is true, up to {@code seconds}. */
    void waitFor(String condition, int seconds, String what) throws Exception {
        waitUntil(() -> {
            try {
                // the page may be between two documents: a missing element is "not yet", not a failure
                return eval("(() => { try { return !!(" + condition + "); } catch (e) { return false; } })()").asBoolean();
            } catch (Exception e) {
                return false;
            }
        }, seconds, what);
    }

    static void waitUntil(BooleanSupplier condition, int seconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("waited " + seconds + " s for: " + what);
            }
            Thread.sleep(150);
        }
    }

    /** A left click with mouse events at the centre of the first element {@code selector} matches (scrolled into view). */
    void click(String selector) throws Exception {
        JsonNode box = eval("(() => { const e = document.querySelector(" + JSON.writeValueAsString(selector) + "); if (!e) return null;"
                + " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()");
        if (box.isNull() || box.isMissingNode()) {
            fail("nothing to click: " + selector);
        }
        for (String type : List.of("mousePressed", "mouseReleased")) {
            call("Input.dispatchMouseEvent", Map.of("type", type, "x", box.get("x").asDouble(), "y", box.get("y").asDouble(), "button", "left", "clickCount", 1));
        }
    }

    /** Focuses the element, selects its text and types {@code text} over it (real input events). */
    void type(String selector, String text) throws Exception {
        eval("(() => { const e = document.querySelector(" + JSON.writeValueAsString(selector) + "); e.focus(); e.select && e.select(); })()");
        call("Input.insertText", Map.of("text", text));
    }

    /** Picks an option of a select element, as choosing it with the mouse does (a change event). */
    void choose(String selector, String value) throws Exception {
        eval("(() => { const e = document.querySelector(" + JSON.writeValueAsString(selector) + "); e.value = " + JSON.writeValueAsString(value)
                + "; e.dispatchEvent(new Event('change', {bubbles: true})); })()");
    }

    /** A PNG screenshot of the viewport. */
    byte[] screenshot() throws Exception {
        return Base64.getDecoder().decode(call("Page.captureScreenshot", Map.of("format", "png")).get("data").asText());
    }

    @Override
    public void close() throws Exception {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the browser goes anyway
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        try (var paths = Files.walk(profile)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // chromium may still be writing its profile; target/ is cleaned by the build
        }
    }
}
