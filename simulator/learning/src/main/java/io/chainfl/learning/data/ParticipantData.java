package io.chainfl.learning.data;

/** One participant's private data: what it trains on and what it validates (scores others) on. */
public record ParticipantData(int participantId, Dataset train, Dataset validation) {}
