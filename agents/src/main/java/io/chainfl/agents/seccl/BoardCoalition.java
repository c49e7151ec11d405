package io.chainfl.agents.seccl;

import io.chainfl.agents.adversary.Coalition;
import io.chainfl.agents.seccl.SecclMessages.Upload;
import io.chainfl.learning.aggregation.ClientUpdate;
import io.chainfl.learning.aggregation.SparseUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The coalition attacks (alie, ipm, min_max, min_sum, fang, mimic, sybil) under SecCL's protocol, with exactly the knowledge the
 * protocol gives the colluders. Every upload's hash is on the bulletin board before any upload is relayed, so
 * no one can craft from the current round's benign uploads: the colluders craft from the PREVIOUS round's
 * benign uploads, which the server relayed to each of them for scoring (sparse, densified with zeros), and from
 * their own current updates, which they share among themselves. The crafted vector is uploaded like any other
 * SecCL upload: its {@code share_fraction} largest coordinates. In the first round they attack they know no
 * benign upload yet and upload honestly.
 */
public final class BoardCoalition {
    private final Coalition coalition;
    private final double shareFraction;
    private final int numParams;
    private List<ClientUpdate> relayedLastRound = List.of();

    public BoardCoalition(Coalition coalition, double shareFraction, int numParams) {
        this.coalition = coalition;
        this.shareFraction = shareFraction;
        this.numParams = numParams;
    }

    /** The round's uploads with the colluders' replaced; remembers the benign ones for the next round. */
    public TreeMap<Integer, Upload> apply(int round, Map<Integer, Upload> uploads) {
        TreeMap<Integer, Upload> out = new TreeMap<>(uploads);
        if (coalition.isEmpty()) {
            return out;
        }
        List<ClientUpdate> dense = new ArrayList<>();
        for (Upload u : uploads.values()) {
            float[] values = new float[numParams];
            u.update().addTo(values);
            dense.add(new ClientUpdate(u.participant(), values, u.samples()));
        }
        List<ClientUpdate> crafted = coalition.apply(dense, relayedLastRound, round);
        List<ClientUpdate> benign = new ArrayList<>();
        for (int i = 0; i < dense.size(); i++) {
            ClientUpdate u = crafted.get(i);
            if (u != dense.get(i)) {
                Upload honest = uploads.get(u.participantId());
                out.put(u.participantId(), new Upload(honest.participant(), honest.round(), SparseUpdate.topK(u.delta(), shareFraction),
                        honest.trainLoss(), honest.samples()));
            }
            if (!coalition.colludes(u.participantId(), round)) {
                benign.add(dense.get(i));
            }
        }
        relayedLastRound = List.copyOf(benign);
        return out;
    }
}
