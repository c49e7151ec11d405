package io.chainfl.cli.expect;

/** An evaluated assertion, as the table, the JUnit XML and checks.json show it. */
public record AssertionResult(String name, String description, double actual, String actualText, String expected, boolean passed, String detail) {

    /** One line for a failure message: what was measured, what it had to be, and the evidence. */
    public String message() {
        return description + ": expected " + expected + ", got " + actualText + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
