package io.chainfl.engine;

/**
 * A problem the user can fix (bad config, missing data set, unreachable node). The CLI prints the message
 * as one line and exits with code 2; the message must name the file, key or address and say what to do.
 */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
