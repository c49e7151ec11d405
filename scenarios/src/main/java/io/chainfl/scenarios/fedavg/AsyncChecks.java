package io.chainfl.scenarios.fedavg;

import io.chainfl.agents.adversary.AdversaryRegistry;
import io.chainfl.agents.adversary.CoalitionAttack;
import io.chainfl.agents.adversary.PropertyInferenceParams;
import io.chainfl.agents.async.AsyncParams;
import io.chainfl.engine.config.AdversaryParams;
import io.chainfl.engine.config.ConfigValidator.Violation;
import io.chainfl.engine.config.DeviceAssignment;
import io.chainfl.engine.config.ParticipantFailurePolicy;
import io.chainfl.engine.config.RoundEnd;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.learning.aggregation.AggregatorParams;
import io.chainfl.learning.aggregation.Aggregators;
import io.chainfl.learning.aggregation.MinimumUpdates;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What fedavg with {@code scenario.asynchronous} refuses when the config is loaded, one line each: what needs rounds
 * (round ends, client sampling, coalitions that craft from a round's benign uploads, a property-inference observer of
 * a round), what needs more than one update at a time (FedAsync with a robust aggregator), and what the timeline
 * does not model (offline devices, failure policies that drop or retry). Arrival times come from the devices, so
 * the section is required.
 */
final class AsyncChecks {
    private AsyncChecks() {}

    static Optional<Violation> check(FedAvgParams params, RunConfig config) {
        AsyncParams async = params.asynchronous();
        String type = async.typeName();
        if (config.devices() == null) {
            return violation("/scenario/asynchronous", "scenario.asynchronous", type + " takes uploads in the order they arrive in virtual time, which needs the"
                    + " participants' devices; add a devices section (docs/virtual-time.md) or remove scenario.asynchronous");
        }
        if (config.devices().serverWork() != io.chainfl.engine.config.ServerWork.NONE) {
            return violation("/devices/server_work", "devices.server_work", "the server's compute time is modelled for synchronous rounds only, not for "
                    + type + "; set devices.server_work: none or remove scenario.asynchronous");
        }
        if (async.publish() == AsyncParams.Publish.ON_BLOCK && config.ledger().type() == io.chainfl.engine.config.LedgerType.NONE) {
            return violation("/scenario/asynchronous/publish", "scenario.asynchronous.publish", "on_block waits for the chain's blocks and ledger.type is"
                    + " none; set ledger.type: simulated or publish: immediate");
        }
        if (params.roundEnd() != RoundEnd.ALL) {
            return violation("/scenario/round_end", "scenario.round_end", "ends synchronous rounds; " + type + " has none: remove round_end or scenario.asynchronous");
        }
        if (params.sampleFraction() != 1.0) {
            return violation("/scenario/sample_fraction", "scenario.sample_fraction", type + " samples no rounds; set scenario.asynchronous.concurrency"
                    + " (participants training at once) instead");
        }
        if (async.concurrency() != null && async.concurrency() > config.participants()) {
            return violation("/scenario/asynchronous/concurrency", "scenario.asynchronous.concurrency", async.concurrency() + " participants training at once,"
                    + " but the run has " + config.participants() + "; lower it or leave it out (every participant)");
        }
        boolean plainAverage = params.aggregator() instanceof AggregatorParams.FedAvgParams;
        if (async instanceof AsyncParams.FedAsync && !plainAverage) {
            return violation("/scenario/aggregator", "scenario.aggregator", "fedasync mixes each update into the model alone, so "
                    + aggregatorName(params.aggregator()) + " has nothing to combine; use scenario.asynchronous {type: fedbuff} (its buffer goes through the"
                    + " aggregator) or remove scenario.aggregator");
        }
        if (async instanceof AsyncParams.FedBuff fedBuff) {
            if (fedBuff.buffer() > config.participants()) {
                return violation("/scenario/asynchronous/buffer", "scenario.asynchronous.buffer", "a buffer of " + fedBuff.buffer() + " updates from "
                        + config.participants() + " participants (a participant's update waits in the buffer until it is applied); set buffer to at most "
                        + config.participants());
            }
            Optional<MinimumUpdates> needed = MinimumUpdates.of(params.aggregator());
            if (needed.isPresent() && fedBuff.buffer() < needed.get().minimum()) {
                return violation("/scenario/asynchronous/buffer", "scenario.asynchronous.buffer", aggregatorName(params.aggregator()) + " needs "
                        + needed.get().minimum() + " updates (" + needed.get().rule() + "), the buffer holds " + fedBuff.buffer()
                        + "; raise the buffer or lower scenario.aggregator's " + needed.get().knobs());
            }
        }
        List<AdversaryParams> adversaries = config.adversaries();
        for (int i = 0; i < adversaries.size(); i++) {
            AdversaryParams a = adversaries.get(i);
            if (a instanceof CoalitionAttack || a instanceof PropertyInferenceParams) {
                return violation("/adversaries/" + i + "/type", "adversaries[" + i + "].type", adversaryName(a) + " works on a round's uploads and "
                        + type + " has no rounds; remove the entry or scenario.asynchronous");
            }
        }
        if (config.devices().trace() != null) {
            return violation("/devices/trace", "devices.trace", "offline windows are not modelled for " + type + " (a training could start inside"
                    + " one); remove devices.trace or scenario.asynchronous");
        }
        List<DeviceAssignment> assign = config.devices().assign();
        for (int i = 0; i < assign.size(); i++) {
            if (assign.get(i).dropout() != null && assign.get(i).dropout() > 0) {
                return violation("/devices/assign/" + i + "/dropout", "devices.assign[" + i + "].dropout", "dropout is drawn per round and " + type
                        + " has no rounds; remove it or scenario.asynchronous");
            }
        }
        if (config.runtime().onParticipantFailure() != ParticipantFailurePolicy.FAIL) {
            return violation("/runtime/on_participant_failure", "runtime.on_participant_failure", "only fail is supported with " + type
                    + " (a dropped or retried training would change the timeline); set it to fail or remove scenario.asynchronous");
        }
        return Optional.empty();
    }

    private static Optional<Violation> violation(String pointer, String path, String message) {
        return Optional.of(new Violation(pointer, path, message));
    }

    private static String aggregatorName(AggregatorParams params) {
        return Aggregators.types().entrySet().stream().filter(e -> e.getValue() == params.getClass()).map(Map.Entry::getKey).findFirst()
                .orElse(params.getClass().getSimpleName());
    }

    private static String adversaryName(AdversaryParams params) {
        return AdversaryRegistry.types().entrySet().stream().filter(e -> e.getValue() == params.getClass()).map(Map.Entry::getKey).findFirst()
                .orElse(params.getClass().getSimpleName());
    }
}
