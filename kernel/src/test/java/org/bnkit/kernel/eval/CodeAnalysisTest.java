package org.bnkit.kernel.eval;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CodeAnalysisTest {

    @Test
    void theSummaryIsTheFirstSentence() {
        assertEquals("Returns the greater of two values.",
                CodeAnalysis.summary("Returns the greater of two values. If the arguments have the same value,\n"
                        + "the result is that same value."));
    }

    @Test
    void aPeriodInsideANumberOrNameDoesNotEndTheSentence() {
        assertEquals("Uses eps = 1.0e-5 and java.util.List for the batch.",
                CodeAnalysis.summary("Uses eps = 1.0e-5 and java.util.List for the batch. More."));
    }

    @Test
    void theSummaryStopsAtTheFirstBlockTag() {
        assertEquals("Builds a layer", CodeAnalysis.summary("Builds a layer\n @param n the width\n @return the layer"));
    }

    @Test
    void magicLinesAreBlankedKeepingOffsets() {
        String code = "%classpath a.jar\nint x = 1;";
        String blanked = CodeAnalysis.blankMagicLines(code);
        assertEquals(code.length(), blanked.length());
        assertEquals(" ".repeat(16) + "\nint x = 1;", blanked);
    }
}
