package io.chainfl.cli.lab;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AccessGuardTest {
    @Test
    void withoutATokenOnlyLoopbackHostNamesAreAnswered() {
        AccessGuard guard = new AccessGuard(null);
        for (String host : new String[] {"127.0.0.1:8080", "127.0.0.1", "localhost:8080", "LOCALHOST", "[::1]:8080"}) {
            assertDoesNotThrow(() -> guard.check(host, null, null, false), host);
        }
        // a DNS name that an attacker's page re-points at 127.0.0.1 (DNS rebinding) carries its own Host header
        for (String host : new String[] {"evil.example:8080", "127.0.0.1.evil.example", "localhost.evil", "10.0.0.5:8080", "", null}) {
            LabHttpError e = assertThrows(LabHttpError.class, () -> guard.check(host, null, null, false), String.valueOf(host));
            assertEquals(403, e.status());
        }
    }

    @Test
    void withATokenEveryRequestMustCarryItInTheQueryOrTheHeader() {
        String token = "0123456789abcdef0123456789abcdef";
        AccessGuard guard = new AccessGuard(token);
        assertDoesNotThrow(() -> guard.check("lab.example:8080", token, null, false));
        assertDoesNotThrow(() -> guard.check("lab.example:8080", null, token, false));
        assertEquals(401, assertThrows(LabHttpError.class, () -> guard.check("127.0.0.1:8080", null, null, false)).status(), "loopback needs it too");
        assertEquals(401, assertThrows(LabHttpError.class, () -> guard.check("x", token.substring(1), null, false)).status());
        assertEquals(401, assertThrows(LabHttpError.class, () -> guard.check("x", token + "0", null, false)).status());
        assertEquals(401, assertThrows(LabHttpError.class, () -> guard.check("x", token.toUpperCase(), null, false)).status());
        // the page, its scripts and stylesheet are the jar's files: the browser loads them before the script can add the token
        assertDoesNotThrow(() -> guard.check("lab.example:8080", null, null, true));
        // the header wins over the query: a wrong header with a right query is refused
        assertEquals(401, assertThrows(LabHttpError.class, () -> guard.check("x", token, "wrong", false)).status());
    }

    @Test
    void generatedTokensAreLongAndDifferent() {
        String a = AccessGuard.newToken();
        String b = AccessGuard.newToken();
        assertTrue(a.matches("[0-9a-f]{32}"), a);
        assertNotEquals(a, b);
    }
}
