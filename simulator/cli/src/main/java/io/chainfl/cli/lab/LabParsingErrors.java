package io.chainfl.cli.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.ParsingErrorHandler;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.scaladsl.model.ErrorInfo;
import org.apache.pekko.http.scaladsl.model.StatusCode;
import org.apache.pekko.http.scaladsl.settings.ServerSettings;

/**
 * Answers requests Pekko HTTP cannot even parse (a request line with an unknown method, an illegal path, a bad
 * header) the way {@link LabApi} answers the rest: a 4xx with {@code {"error": "one line"}}. Pekko would say 501 to
 * an unknown method; to the lab that is a bad request like any other (400). Named in the server's config
 * ({@code pekko.http.server.parsing.error-handler}), which instantiates it by its class name.
 */
public final class LabParsingErrors extends ParsingErrorHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public HttpResponse handle(StatusCode status, ErrorInfo info, LoggingAdapter log, ServerSettings settings) {
        int code = status.intValue() >= 400 && status.intValue() < 500 ? status.intValue() : 400;
        String summary = info.summary().lines().findFirst().orElse("malformed request");
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(JSON.createObjectNode().put("error", "malformed request: " + PathGuard.printable(summary)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON answer", e);
        }
        return HttpResponse.create().withStatus(code).withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body));
    }
}
