package io.chainfl.learning.aggregation;

import static io.chainfl.learning.aggregation.Fixtures.updates;
import static io.chainfl.learning.aggregation.Fixtures.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class FLTrustTest {
    /*
     * server update g0 = (3,4), norm 5.
     * u0 = (6,8):   cos = 50 / (10*5) = 1    -> trust 1,   rescaled to norm 5: (3,4)
     * u1 = (4,-3):  cos = (12-12) / 25 = 0   -> trust 0
     * u2 = (0,2):   cos = 8 / (2*5) = 0.8    -> trust 0.8, rescaled: (0,5)
     * u3 = (-3,-4): cos = -1, ReLU           -> trust 0
     * u4 = (0,0):   no direction             -> trust 0
     * result = (1*(3,4) + 0.8*(0,5)) / 1.8 = (3/1.8, 8/1.8)
     */
    private final List<ClientUpdate> five = updates(v(6, 8), v(4, -3), v(0, 2), v(-3, -4), v(0, 0));
    private final float[] expected = {3f / 1.8f, 8f / 1.8f};

    @Test
    void weightsByClippedCosineAndRescalesToTheServerNorm() {
        assertArrayEquals(expected, new FLTrust().aggregate(five, v(3, 4)), 1e-5f);
    }

    @Test
    void asksTheSupplierWhenGivenOne() {
        assertArrayEquals(expected, new FLTrust(() -> v(3, 4)).aggregate(five), 1e-5f);
        assertThrows(IllegalStateException.class, () -> new FLTrust().aggregate(five));
    }

    @Test
    void returnsZeroWhenNobodyIsTrusted() {
        assertArrayEquals(new float[] {0f, 0f}, new FLTrust().aggregate(updates(v(-3, -4), v(4, -3)), v(3, 4)), 0f);
        assertArrayEquals(new float[] {0f, 0f}, new FLTrust().aggregate(five, v(0, 0)), 0f);
    }

    @Test
    void resultDoesNotDependOnInputOrder() {
        for (long seed = 1; seed <= 3; seed++) {
            assertArrayEquals(new FLTrust().aggregate(five, v(3, 4)), new FLTrust().aggregate(Fixtures.shuffled(five, seed), v(3, 4)), 0f);
        }
    }

    @Test
    void rejectsAServerUpdateOfTheWrongLength() {
        assertThrows(IllegalArgumentException.class, () -> new FLTrust().aggregate(five, v(1, 2, 3)));
    }
}
