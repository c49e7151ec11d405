package io.chainfl.ledger.ethereum;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The differential tests' gas check: each transaction's simulated gas within 10% of the node's, with the table printed. */
final class GasAgreement {
    private GasAgreement() {}

    static void assertWithinTenPercent(List<String> labels, List<Long> nodeGas, List<Long> simulatedGas) {
        StringBuilder table = new StringBuilder("transaction | node gas | simulated gas | ratio\n");
        List<String> outside = new ArrayList<>();
        for (int i = 0; i < nodeGas.size(); i++) {
            double ratio = simulatedGas.get(i) / (double) nodeGas.get(i);
            table.append(String.format(Locale.ROOT, "%s | %d | %d | %.3f%n", labels.get(i), nodeGas.get(i), simulatedGas.get(i), ratio));
            if (Math.abs(ratio - 1) > 0.10) {
                outside.add(labels.get(i) + String.format(Locale.ROOT, " (%.3f)", ratio));
            }
        }
        System.out.println(table);
        assertTrue(outside.isEmpty(), "simulated gas off by more than 10% for " + outside + "\n" + table);
    }
}
