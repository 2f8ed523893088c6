package org.bnkit.kernel.eval;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SourceTextTest {

    private final SourceText text = new SourceText("In [1]", "int a = 1;\r\nint b = 2;\n\nb");

    @Test
    void offsetsMapToOneBasedLines() {
        assertEquals(1, text.lineOf(0));
        assertEquals(1, text.lineOf(11));
        assertEquals(2, text.lineOf(12));
        assertEquals(3, text.lineOf(23));
        assertEquals(4, text.lineOf(24));
        assertEquals(4, text.lineOf(99));
    }

    @Test
    void linesComeWithoutTheirTerminators() {
        assertEquals("int a = 1;", text.line(1));
        assertEquals("int b = 2;", text.line(2));
        assertEquals("", text.line(3));
        assertEquals("b", text.line(4));
        assertEquals("", text.line(5));
        assertEquals(12, text.lineStart(2));
    }
}
