package io.chainfl.cli.lab;

/**
 * A request the lab refuses: the HTTP status (4xx) and one line saying what was wrong and what to do, sent to the
 * browser as {@code {"error": message}}, never a stack trace.
 */
final class LabHttpError extends RuntimeException {
    private final int status;

    LabHttpError(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }

    static LabHttpError notFound(String message) {
        return new LabHttpError(404, message);
    }

    static LabHttpError badRequest(String message) {
        return new LabHttpError(400, message);
    }
}
