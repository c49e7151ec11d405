package io.chainfl.scenarios.danku;

import io.chainfl.agents.CborSerializable;
import io.chainfl.agents.sealed.SealedEnvelope;
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
 * {@code danku_silent_organizer} adversary) never reveals its test groups. In a sealed market the organizer is also the
 * manager: it holds the key the submitters encrypt to and, before revealing its test groups, opens their envelopes and
 * names the best ({@link SealedSubmissions}); a silent organizer names none.
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

    /**
     * Sealed market: the envelopes and on-chain commitments by submission index, and the submitters' names; answers the
     * pick. {@code favoured} is the submitter a corrupt manager opens whatever its score (null: the best).
     */
    record Judge(List<List<Byte>> envelopes, List<List<Byte>> commitments, List<String> submitters, int features, int classes,
                 String favoured, ActorRef<Pick> replyTo) implements Command {
        Judge {
            envelopes = envelopes.stream().map(List::copyOf).toList();
            commitments = commitments.stream().map(List::copyOf).toList();
            submitters = List.copyOf(submitters);
        }
    }

    /** The manager's pick: the submission index to open (-1: none) with its opening, and how many envelopes it refused. */
    record Pick(int index, List<Byte> salt, List<Integer> weights, int rejected) implements CborSerializable {
        Pick {
            salt = List.copyOf(salt);
            weights = List.copyOf(weights);
        }
    }

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

    static Behavior<Command> create(List<short[]> groupRows, List<byte[]> salts, boolean silent, SealedEnvelope.KeyPair managerKey) {
        return committing(groupRows, salts, silent, managerKey);
    }

    private static Behavior<Command> committing(List<short[]> rows, List<byte[]> salts, boolean silent, SealedEnvelope.KeyPair managerKey) {
        return Behaviors.receive(Command.class).onMessage(Commit.class, m -> {
            List<String> hashes = new ArrayList<>();
            for (int g = 0; g < rows.size(); g++) {
                hashes.add(HexFormat.of().formatHex(DanKu.groupHash(salts.get(g), rows.get(g))));
            }
            m.replyTo().tell(new Commitments(hashes));
            return revealingTraining(rows, salts, silent, managerKey);
        }).build();
    }

    private static Behavior<Command> revealingTraining(List<short[]> rows, List<byte[]> salts, boolean silent, SealedEnvelope.KeyPair managerKey) {
        return Behaviors.receive(Command.class).onMessage(RevealTraining.class, m -> {
            List<Group> training = new ArrayList<>();
            for (int g = 0; g < rows.size(); g++) {
                if (!DanKu.isTest(g, rows.size(), m.testStart(), m.testGroups())) {
                    training.add(group(g, salts.get(g), rows.get(g)));
                }
            }
            m.replyTo().tell(new Groups(training));
            return holdingTest(rows, salts, m.testStart(), m.testGroups(), silent, managerKey);
        }).build();
    }

    private static Behavior<Command> holdingTest(List<short[]> rows, List<byte[]> salts, int testStart, int testGroups, boolean silent,
                                                 SealedEnvelope.KeyPair managerKey) {
        return Behaviors.receive(Command.class).onMessage(Judge.class, m -> {
            SealedSubmissions.Verdict verdict = silent ? new SealedSubmissions.Verdict(-1, null, null, 0)
                    : SealedSubmissions.judge(managerKey, m.envelopes().stream().map(io.chainfl.agents.ledger.DanKuCall::bytes).toList(),
                            m.commitments().stream().map(io.chainfl.agents.ledger.DanKuCall::bytes).toList(), m.submitters(), testRows(rows, testStart, testGroups),
                            m.features(), m.classes(), m.favoured());
            m.replyTo().tell(verdict.index() < 0 ? new Pick(-1, List.of(), List.of(), verdict.rejected())
                    : new Pick(verdict.index(), SubmitterActor.bytes(verdict.salt()), SubmitterActor.boxed(verdict.weights()), verdict.rejected()));
            return Behaviors.same();
        }).onMessage(RevealTest.class, m -> {
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

    /** The test groups' rows, concatenated in group order: what the manager scores the openings on. */
    private static short[] testRows(List<short[]> rows, int testStart, int testGroups) {
        List<short[]> test = new ArrayList<>();
        for (int g = 0; g < rows.size(); g++) {
            if (DanKu.isTest(g, rows.size(), testStart, testGroups)) {
                test.add(rows.get(g));
            }
        }
        short[] all = new short[test.stream().mapToInt(r -> r.length).sum()];
        int at = 0;
        for (short[] r : test) {
            System.arraycopy(r, 0, all, at, r.length);
            at += r.length;
        }
        return all;
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
