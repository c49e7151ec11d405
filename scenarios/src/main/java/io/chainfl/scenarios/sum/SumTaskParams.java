package io.chainfl.scenarios.sum;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import java.util.List;

/**
 * The binary task. {@code digits}: the run's digits (data.*) relabelled positive/negative by class.
 * {@code csv_text}: a CSV of (text, label) turned into binary bag-of-words features over the top-k words,
 * as the reference did with IMDB reviews (1000 words).
 */
public record SumTaskParams(
        @Doc("digits (the run's data source, two groups of classes) or csv_text (a CSV of text and label)") Type type,
        @Doc("digits: classes labelled 1 (default: the even digits)") @Range(min = 0, max = 1000) List<Integer> positiveClasses,
        @Doc("digits: classes labelled 0 (empty: every class not positive)") @Range(min = 0, max = 1000) List<Integer> negativeClasses,
        @Doc("csv_text: the CSV file (header row, RFC 4180 quoting)") String path,
        @Doc("csv_text: column holding the text") String textColumn,
        @Doc("csv_text: column holding the label (1/0, true/false, pos/neg, positive/negative)") String labelColumn,
        @Doc("csv_text: vocabulary size: the most frequent words of the training part") @Range(min = 1, max = 1_000_000) Integer topK,
        @Doc("csv_text: fraction held out as the test set") @Range(min = 0, max = 0.9, exclusiveMin = true) Double testFraction) {

    public enum Type {
        @JsonProperty("digits") DIGITS,
        @JsonProperty("csv_text") CSV_TEXT
    }

    public SumTaskParams {
        type = type == null ? Type.DIGITS : type;
        positiveClasses = positiveClasses == null ? List.of(0, 2, 4, 6, 8) : List.copyOf(positiveClasses);
        negativeClasses = negativeClasses == null ? List.of() : List.copyOf(negativeClasses);
        textColumn = textColumn == null ? "text" : textColumn;
        labelColumn = labelColumn == null ? "label" : labelColumn;
        topK = topK == null ? 1000 : topK;
        testFraction = testFraction == null ? 0.2 : testFraction;
    }

    static SumTaskParams defaults() {
        return new SumTaskParams(null, null, null, null, null, null, null, null);
    }
}
