package io.chainfl.scenarios.sum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chainfl.engine.seed.SeedStreams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SUM building blocks: the deposit formula and the bag-of-words featurizer (the clock is the engine's: VirtualClockTest). */
class SumPartsTest {

    @Test
    void depositFollowsTheReferenceFormula() {
        IncentiveParams.Deposit reference = new IncentiveParams.Deposit(null, null, null, null);
        // max(1, floor(60 / floor(sqrt(dt_s)))) with the last update at 0
        assertEquals(-1, DepositRefundTake.cost(reference, 999), "no whole second since the last update: rejected");
        assertEquals(60, DepositRefundTake.cost(reference, 1_000));
        assertEquals(60, DepositRefundTake.cost(reference, 3_000), "floor(sqrt(3)) = 1");
        assertEquals(2, DepositRefundTake.cost(reference, 600_000), "10 minutes: floor(60 / 24)");
        assertEquals(1, DepositRefundTake.cost(reference, 3_600_000), "an hour: floor(60 / 60)");
        assertEquals(1, DepositRefundTake.cost(reference, 86_400_000), "never below min_cost");
    }

    @Test
    void bagOfWordsKeepsTheTopKWordsOfTheTrainingPart(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("reviews.csv");
        StringBuilder text = new StringBuilder("text,label\n");
        for (int i = 0; i < 20; i++) {
            text.append(i % 2 == 0 ? "\"Great movie, \"\"great\"\" acting\",pos\n" : "Awful plot and awful acting,neg\n");
        }
        Files.writeString(csv, text);
        SumTaskParams task = new SumTaskParams(SumTaskParams.Type.CSV_TEXT, null, null, csv.toString(), null, null, 3, 0.25);
        BagOfWords.Split split = BagOfWords.load(task, new SeedStreams(1).stream("split"));
        assertEquals(15, split.train().size());
        assertEquals(5, split.test().size());
        assertEquals(3, split.vocabulary().size());
        assertEquals("acting", split.vocabulary().get(0), "in every document");
        for (int i = 0; i < split.train().size(); i++) {
            float[] x = SumData.row(split.train(), i);
            assertEquals(1f, x[0], "everyone mentions acting");
        }
        assertEquals(List.of("text", "label"), BagOfWords.readCsv(csv).get(0));
        assertEquals("Great movie, \"great\" acting", BagOfWords.readCsv(csv).get(1).get(0));
    }

    /**
     * Tribuo's tokenizer splitting on the complement of [a-z0-9'] gives exactly the words the former matcher found
     * (maximal runs of [a-z0-9'] in the lower-cased text), so SUM's csv_text features did not move. 3,000 seeded
     * texts over letters of both cases, digits, apostrophes, punctuation, white space and non-ASCII letters.
     */
    @Test
    void tribuoTokenizerFindsTheSameWordsAsTheMaximalRunsOfWordCharacters() {
        java.util.regex.Pattern word = java.util.regex.Pattern.compile("[a-z0-9']+");
        String alphabet = "abcXYZ019'' ,.;!?-\t\n\"()éÉİßK";
        java.util.SplittableRandom random = new java.util.SplittableRandom(20);
        org.tribuo.util.tokens.Tokenizer tokenizer = BagOfWords.tokenizer();
        for (int t = 0; t < 3000; t++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            java.util.Set<String> expected = new java.util.LinkedHashSet<>();
            java.util.regex.Matcher m = word.matcher(text.toString().toLowerCase(java.util.Locale.ROOT));
            while (m.find()) {
                expected.add(m.group());
            }
            assertEquals(List.copyOf(expected), List.copyOf(BagOfWords.words(text.toString(), tokenizer)), "text: " + text);
        }
        assertEquals(List.of("don't", "stop", "2", "x"), List.copyOf(BagOfWords.words("  Don't STOP -- 2 x! stop", tokenizer)));
    }

    @Test
    void anUnclosedQuoteIsOneLineNamingTheFile(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("broken.csv");
        Files.writeString(csv, "text,label\n\"never closed,pos\nmore,neg\n");
        io.chainfl.engine.UserError e = org.junit.jupiter.api.Assertions.assertThrows(io.chainfl.engine.UserError.class, () -> BagOfWords.readCsv(csv));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("cannot read " + csv), e.getMessage());
        org.junit.jupiter.api.Assertions.assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void digitsBecomeABinaryTask() {
        io.chainfl.learning.data.Dataset digits = new io.chainfl.learning.data.Dataset("d", new float[] {0, 1, 2, 3, 4}, new int[] {0, 1, 2, 3, 4}, 1, 5, null);
        SumTaskParams task = new SumTaskParams(null, List.of(1, 3), List.of(0), null, null, null, null, null);
        io.chainfl.learning.data.Dataset binary = SumData.binary(digits, task);
        assertArrayEquals(new int[] {0, 1, 1}, binary.labels());
        assertArrayEquals(new float[] {0, 1, 3}, binary.features());
    }
}
