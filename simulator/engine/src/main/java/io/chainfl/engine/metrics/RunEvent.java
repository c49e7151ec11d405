package io.chainfl.engine.metrics;

/** Something notable that happened in virtual time: a detection, a forfeited deposit, a dropped participant. */
public record RunEvent(int round, String kind, String subject, String detail) {}
