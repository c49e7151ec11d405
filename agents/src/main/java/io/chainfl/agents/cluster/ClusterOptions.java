package io.chainfl.agents.cluster;

import io.chainfl.engine.config.ParticipantLossPolicy;
import java.time.Duration;

/**
 * How the driver runs a scenario on a cluster.
 *
 * @param members     members (the driver included) that must be Up before participants are placed
 * @param joinTimeout how long to wait for them
 * @param fingerprint {@link MemberFingerprint} of the run's config; members started with another config are refused
 */
public record ClusterOptions(ClusterSettings settings, int members, Duration joinTimeout, ParticipantLossPolicy onLoss, String fingerprint) {}
