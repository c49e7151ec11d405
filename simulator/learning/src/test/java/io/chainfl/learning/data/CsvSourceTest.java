package io.chainfl.learning.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSourceTest {
    @TempDir Path dir;

    @Test
    void stringLabelsMapToSortedClasses() throws Exception {
        Path file = write("x1,species,x2\n1.5,setosa,2\n-3,virginica,4e1\n0,setosa,0\n");
        Dataset d = CsvSource.load(file, "species");
        assertEquals(3, d.size());
        assertEquals(2, d.numFeatures());
        assertEquals(2, d.numClasses());
        assertArrayEquals(new int[] {0, 1, 0}, d.labels());
        assertArrayEquals(new float[] {1.5f, 2f, -3f, 40f, 0f, 0f}, d.features());
    }

    @Test
    void integerLabelsSortNumerically() throws Exception {
        Path file = write("a,label\n1,10\n2,9\n3,2\n");
        assertArrayEquals(new int[] {2, 1, 0}, CsvSource.load(file, "label").labels());
    }

    @Test
    void nonNumericCellNamesFileLineAndColumn() throws Exception {
        Path file = write("a,b,label\n1,2,x\n3,oops,y\n");
        String message = assertThrows(UserError.class, () -> CsvSource.load(file, "label")).getMessage();
        assertTrue(message.contains(file + ":3"), message);
        assertTrue(message.contains("'b'"), message);
        assertTrue(message.contains("oops"), message);
    }

    @Test
    void missingLabelColumnAndMissingFileAreUserErrors() throws Exception {
        Path file = write("a,b\n1,2\n");
        String message = assertThrows(UserError.class, () -> CsvSource.load(file, "label")).getMessage();
        assertTrue(message.contains("'label'") && message.contains("data.label_column"), message);
        Path missing = dir.resolve("missing.csv");
        assertTrue(assertThrows(UserError.class, () -> CsvSource.load(missing, "label")).getMessage()
                .contains(missing.toString()));
    }

    @Test
    void raggedRowIsReportedWithItsLine() throws Exception {
        Path file = write("a,label\n1,x\n2,y\n3\n");
        String message = assertThrows(UserError.class, () -> CsvSource.load(file, "label")).getMessage();
        assertTrue(message.contains(file + ":4"), message);
    }

    private Path write(String content) throws Exception {
        Path file = dir.resolve("data.csv");
        Files.writeString(file, content);
        return file;
    }
}
