package io.chainfl.scenarios.danku;

import io.chainfl.agents.CborSerializable;
import io.chainfl.ledger.DanKu;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The market's organizer: holds its data groups and their salts, and gives them out one phase at a time, one behavior
 * per phase (committing, revealing training data, holding the test data, done). A silent organizer (the
 * {@code danku_silent_organizer} adversary) never reveals its test groups.
 */
final class OrganizerActor {
    private OrganizerActor() {}

    sealed interface Command extends CborSerializable {}

    /** Asks for the salted hashes of every group. */
    record Commit(ActorRef<Commitments> replyTo) implements Command {}

    record Commitments(List<String> hashesHex) implements CborSerializable {
        Commitments {
            hashesHex = List.copyOf(hashesHex);
        }
    }

    /** Asks for the training groups, now that the contract has picked the test groups (from {@code testStart}). */
    record RevealTraining(int testStart, int testGroups, ActorRef<Groups> replyTo) implements Command {}

    /** Asks for the test groups once the submission window has closed; a silent organizer answers none. */
    record RevealTest(ActorRef<Groups> replyTo) implements Command {}

    record Group(int index, List<Byte> salt, List<Short> rows) implements CborSerializable {
        Group {
            salt = List.copyOf(salt);
            rows = List.copyOf(rows);
        }
    }

    record Groups(List<Group> groups) implements CborSerializable {
        Groups {
            groups = List.copyOf(groups);
        }
    }

    static Behavior<Command> create(List<short[]> groupRows, List<byte[]> salts, boolean silent) {
        return committing(groupRows, salts, silent);
    }

    private static Behavior<Command> committing(List<short[]> rows, List<byte[]> salts, boolean silent) {
        return Behaviors.receive(Command.class).onMessage(Commit.class, m -> {
            List<String> hashes = new ArrayList<>();
            for (int g = 0; g < rows.size(); g++) {
                hashes.add(HexFormat.of().formatHex(DanKu.groupHash(salts.get(g), rows.get(g))));
            }
            m.replyTo().tell(new Commitments(hashes));
            return revealingTraining(rows, salts, silent);
        }).build();
    }

    private static Behavior<Command> revealingTraining(List<short[]> rows, List<byte[]> salts, boolean silent) {
        return Behaviors.receive(Command.class).onMessage(RevealTraining.class, m -> {
            List<Group> training = new ArrayList<>();
            for (int g = 0; g < rows.size(); g++) {
                if (!DanKu.isTest(g, rows.size(), m.testStart(), m.testGroups())) {
                    training.add(group(g, salts.get(g), rows.get(g)));
                }
            }
            m.replyTo().tell(new Groups(training));
            return holdingTest(rows, salts, m.testStart(), m.testGroups(), silent);
        }).build();
    }

    private static Behavior<Command> holdingTest(List<short[]> rows, List<byte[]> salts, int testStart, int testGroups, boolean silent) {
        return Behaviors.receive(Command.class).onMessage(RevealTest.class, m -> {
            List<Group> test = new ArrayList<>();
            for (int g = 0; g < rows.size() && !silent; g++) {
                if (DanKu.isTest(g, rows.size(), testStart, testGroups)) {
                    test.add(group(g, salts.get(g), rows.get(g)));
                }
            }
            m.replyTo().tell(new Groups(test));
            return Behaviors.empty();
        }).build();
    }

    static Group group(int index, byte[] salt, short[] rows) {
        List<Byte> s = new ArrayList<>(salt.length);
        for (byte b : salt) {
            s.add(b);
        }
        List<Short> r = new ArrayList<>(rows.length);
        for (short v : rows) {
            r.add(v);
        }
        return new Group(index, s, r);
    }
}
