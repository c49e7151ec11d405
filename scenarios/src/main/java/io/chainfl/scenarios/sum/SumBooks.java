package io.chainfl.scenarios.sum;

import io.chainfl.learning.data.Dataset;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary encoding of SUM's state between two days (mechanism books, the run's counters, the task queue).
 * A contribution is saved as its pool row rather than its features, which the pool gives back on resume, so
 * the state grows by 44 bytes per contribution instead of by the size of a sample.
 */
final class SumBooks {
    interface Writing {
        void write(DataOutputStream out) throws IOException;
    }

    interface Reading {
        void read(DataInputStream in) throws IOException;
    }

    private final List<SumAgent> agents;
    private final Dataset pool;

    SumBooks(List<SumAgent> agents, Dataset pool) {
        this.agents = agents;
        this.pool = pool;
    }

    static byte[] encode(Writing body) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    static void decode(byte[] bytes, Reading body) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            body.read(in);
            if (in.available() > 0) {
                throw new IllegalStateException("checkpoint: " + in.available() + " bytes of SUM state left unread");
            }
        } catch (IOException e) {
            throw new IllegalStateException("checkpoint: SUM state is truncated or corrupt", e);
        }
    }

    static void writeContributions(DataOutputStream out, List<Contribution> contributions) throws IOException {
        out.writeInt(contributions.size());
        for (Contribution c : contributions) {
            out.writeLong(c.index());
            out.writeInt(c.agent().order);
            out.writeLong(c.timeMillis());
            out.writeInt(c.row());
            out.writeInt(c.label());
            out.writeLong(c.depositId());
            out.writeLong(c.deposit());
        }
    }

    List<Contribution> readContributions(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<Contribution> contributions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long index = in.readLong();
            SumAgent agent = agent(in.readInt());
            long time = in.readLong();
            int row = in.readInt();
            contributions.add(new Contribution(index, agent, time, row, SumData.row(pool, row), in.readInt(), in.readLong(), in.readLong()));
        }
        return contributions;
    }

    SumAgent agent(int order) {
        return agents.get(order);
    }
}
