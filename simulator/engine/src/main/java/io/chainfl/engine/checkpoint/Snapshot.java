package io.chainfl.engine.checkpoint;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A scenario's state at the end of a round: named binary sections ("global_model", "participant-3/last_upload"),
 * kept sorted so the encoding is a function of the state alone. Floats are stored bit for bit, so a restored
 * model continues exactly where the saved one stopped.
 */
public final class Snapshot {
    private static final int MAGIC = 0x43464c53; // "CFLS"
    /**
     * 2: the run's virtual clock is saved in every state ({@code kernel/clock}), and sum's run section no longer holds
     * a clock of its own; a version-1 state would resume without its clock, so it is refused.
     */
    static final int FORMAT_VERSION = 2;

    private final SortedMap<String, byte[]> sections;

    private Snapshot(SortedMap<String, byte[]> sections) {
        this.sections = Collections.unmodifiableSortedMap(sections);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static Snapshot empty() {
        return new Snapshot(new TreeMap<>());
    }

    public SortedMap<String, byte[]> sections() {
        return sections;
    }

    public Optional<byte[]> bytes(String name) {
        return Optional.ofNullable(sections.get(name)).map(byte[]::clone);
    }

    public Optional<float[]> floats(String name) {
        return Optional.ofNullable(sections.get(name)).map(Snapshot::toFloats);
    }

    public float[] requireFloats(String name) {
        return floats(name).orElseThrow(() -> new IllegalStateException("checkpoint has no section '" + name + "'"));
    }

    public Optional<long[]> longs(String name) {
        return Optional.ofNullable(sections.get(name)).map(b -> {
            long[] out = new long[b.length / 8];
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
            return out;
        });
    }

    public long totalBytes() {
        return sections.values().stream().mapToLong(b -> b.length).sum();
    }

    byte[] encode() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeInt(sections.size());
            for (var section : sections.entrySet()) {
                out.writeUTF(section.getKey());
                out.writeInt(section.getValue().length);
                out.write(section.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    static Snapshot decode(byte[] encoded) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded));
        if (in.readInt() != MAGIC) {
            throw new IOException("not a chainfl state file");
        }
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IOException("state format " + version + ", this chainfl reads " + FORMAT_VERSION);
        }
        int count = in.readInt();
        TreeMap<String, byte[]> sections = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            byte[] value = new byte[in.readInt()];
            in.readFully(value);
            sections.put(name, value);
        }
        return new Snapshot(sections);
    }

    private static float[] toFloats(byte[] b) {
        float[] out = new float[b.length / 4];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    public static final class Builder {
        private final TreeMap<String, byte[]> sections = new TreeMap<>();

        public Builder bytes(String name, byte[] value) {
            if (sections.put(name, value.clone()) != null) {
                throw new IllegalArgumentException("section '" + name + "' saved twice");
            }
            return this;
        }

        public Builder floats(String name, float[] value) {
            ByteBuffer buffer = ByteBuffer.allocate(4 * value.length).order(ByteOrder.LITTLE_ENDIAN);
            buffer.asFloatBuffer().put(value);
            return bytes(name, buffer.array());
        }

        public Builder longs(String name, long... value) {
            ByteBuffer buffer = ByteBuffer.allocate(8 * value.length).order(ByteOrder.LITTLE_ENDIAN);
            buffer.asLongBuffer().put(value);
            return bytes(name, buffer.array());
        }

        public Snapshot build() {
            return new Snapshot(new TreeMap<>(sections));
        }
    }
}
