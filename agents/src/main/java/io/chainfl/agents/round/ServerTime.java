package io.chainfl.agents.round;

import io.chainfl.engine.device.DeviceProfile;
import io.chainfl.engine.metrics.Metric;
import io.chainfl.learning.cost.AggregationCost;

/**
 * The fedavg server's own work in a round on its device ({@code devices.server_work}): aggregating the round's n
 * uploads of d parameters (the rule's operations, {@link AggregationCost}) and, when evaluation is on the round's path,
 * the forward pass over the test set. Each piece is rounded up to a whole millisecond like every device piece.
 *
 * @param aggregation    the rule's count
 * @param parameters     d, the model's parameters
 * @param evaluationFlops the forward FLOPs of the test set; 0 when evaluation is beside the path
 */
public record ServerTime(DeviceProfile server, AggregationCost.Count aggregation, long parameters, double evaluationFlops) {
    public static final Metric SERVER_MS = new Metric("server_ms", "ms",
            "virtual milliseconds of the server's own work in the round (devices.server_work): aggregating the uploads, and evaluating when that is on the path");

    /** Milliseconds of the server's work in a round that aggregates {@code uploads} updates. */
    public long millis(int uploads) {
        long aggregate = uploads == 0 ? 0 : server.computeMillis(aggregation.operations(uploads, parameters));
        long evaluate = evaluationFlops > 0 ? server.computeMillis(evaluationFlops) : 0;
        return aggregate + evaluate;
    }
}
