package org.bnkit.kernel.magic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JarsMagicTest {

    @TempDir
    Path dir;

    @Test
    void aFolderStandsForTheJarsInsideIt() throws Exception {
        Files.createFile(dir.resolve("b.jar"));
        Files.createFile(dir.resolve("a.jar"));
        Files.createFile(dir.resolve("notes.txt"));
        List<Path> added = new ArrayList<>();
        new JarsMagic(added::addAll).eval(null, List.of(dir.toString()));
        assertEquals(List.of(dir.resolve("a.jar"), dir.resolve("b.jar")), added);
    }
}
