package io.chainfl.ledger.ethereum;

import io.chainfl.engine.UserError;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;

/**
 * The JSON-RPC connection: web3j over one OkHttp client, every call retried on I/O errors after the pauses of
 * a {@link Backoff}, then an unreachable node turned into a {@link UserError} naming the address. Retrying is
 * safe for every call we make: reads are idempotent, and a transaction is resent as the same signed bytes
 * (same nonce, same hash), which a node that already has it answers with "already known" or "nonce too low".
 */
final class Rpc implements AutoCloseable {
    private final String url;
    private final Backoff backoff;
    private final OkHttpClient http;
    private final Web3j web3j;

    Rpc(String url, int timeoutMs, int pollIntervalMs, Backoff backoff) {
        this.url = url;
        this.backoff = backoff;
        this.http = new OkHttpClient.Builder()
                .connectTimeout(Math.min(timeoutMs, 10_000), TimeUnit.MILLISECONDS)
                .readTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .writeTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .build();
        // web3j polls every 15 s by default; we poll ourselves, but keep its own interval short too
        this.web3j = Web3j.build(new HttpService(url, http), pollIntervalMs, java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "web3j-" + url);
            t.setDaemon(true);
            return t;
        }));
    }

    Web3j web3j() {
        return web3j;
    }

    String url() {
        return url;
    }

    /** Sends a request; retries I/O failures; RPC-level errors are returned in the response. */
    <T extends Response<?>> T send(String method, Request<?, T> request) {
        for (int retry = 0; ; retry++) {
            try {
                return request.send();
            } catch (IOException e) {
                if (retry >= backoff.retries()) {
                    throw unreachable(method, e, retry);
                }
                sleep(backoff.delayBeforeRetry(retry + 1));
            }
        }
    }

    /** Like {@link #send} but an RPC error is an exception (for calls that must not fail). */
    <T extends Response<?>> T sendOrThrow(String method, Request<?, T> request) {
        T response = send(method, request);
        if (response.hasError()) {
            throw new IllegalStateException("the Ethereum node at " + url + " answered " + method + " with an error: "
                    + response.getError().getMessage());
        }
        return response;
    }

    UserError unreachable(String method, IOException e, int retries) {
        String node = "the Ethereum node at " + url + (retries == 0 ? "" : " (" + retries + (retries == 1 ? " retry" : " retries") + " over "
                + String.format(java.util.Locale.ROOT, "%.1f", backoff.totalDelayMs() / 1000.0) + " s)");
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (e instanceof ConnectException || root instanceof ConnectException
                || String.valueOf(e.getMessage()).contains("Failed to connect")) {
            return new UserError("cannot reach " + node + ": connection refused; start it (docs/ethereum.md) or set ledger.ethereum.rpc_url"
                    + " (ledger.ethereum.retries and backoff_ms wait longer)", e);
        }
        if (e instanceof UnknownHostException || e instanceof NoRouteToHostException) {
            return new UserError("cannot reach " + node + ": " + e.getMessage() + "; check ledger.ethereum.rpc_url", e);
        }
        if (e instanceof InterruptedIOException) {
            return new UserError(node + " did not answer " + method + " in time (" + e.getMessage()
                    + "); check that it is running and not overloaded, or raise ledger.ethereum.timeout_ms", e);
        }
        return new UserError(node + " failed " + method + ": " + e + "; check that it is running and ledger.ethereum.rpc_url", e);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to the Ethereum node", e);
        }
    }

    @Override
    public void close() {
        web3j.shutdown();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
