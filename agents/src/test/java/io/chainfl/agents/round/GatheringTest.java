package io.chainfl.agents.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.agents.ParticipantActor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A gathering completes once every asked id answered, failed or was forgotten, however often and in whatever order they report. */
class GatheringTest {

    @Test
    void completesWhenEveryAskedIdHasSettled() {
        List<Integer> asked = new ArrayList<>();
        Gathering<String> g = Gathering.ask(List.of(5, 1, 3, 7), asked::add);
        assertEquals(List.of(1, 3, 5, 7), asked);
        g.answer(3, "a");
        g.answer(3, "again");          // a second answer from the same id settles nothing more
        g.answer(9, "stranger");       // nor does one from an id never asked
        assertFalse(g.complete());
        g.fail(new ParticipantActor.Failed(1, 1, 2, "boom"));
        g.forget(3);                   // already answered: forgetting it must not count it twice
        assertFalse(g.complete());
        assertTrue(g.owes(5) && g.owes(7));
        g.forget(7);
        assertFalse(g.complete());
        g.answer(5, "b");
        assertTrue(g.complete());
        assertEquals(List.of(3, 5, 9), List.copyOf(g.answers().keySet()));
        assertEquals(List.of(1), List.copyOf(g.failures().keySet()));
    }

    @Test
    void nothingAskedIsCompleteAtOnce() {
        assertTrue(Gathering.<String>ask(List.of(), id -> {}).complete());
    }
}
