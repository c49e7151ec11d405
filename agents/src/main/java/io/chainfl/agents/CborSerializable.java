package io.chainfl.agents;

/**
 * Marker for messages that may cross JVMs. Every actor message is an immutable record implementing it,
 * so the same protocols run unchanged on a Pekko cluster (Jackson CBOR serialisation is bound to it).
 */
public interface CborSerializable {}
