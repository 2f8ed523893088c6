package org.bnkit.kernel.magic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClasspathMagicTest {

    @TempDir
    Path dir;

    @Test
    void pathsMaySplitOnThePathSeparatorAndBeGlobsAndMissingOnesAreIgnored() throws Exception {
        Path jar = Files.createFile(dir.resolve("lib.jar"));
        Path classes = Files.createDirectory(dir.resolve("classes"));
        List<Path> added = new ArrayList<>();
        new ClasspathMagic(added::addAll).eval(null,
                List.of(jar + File.pathSeparator + dir.resolve("missing.jar"), classes.toString(), dir + "/*.jar"));
        assertEquals(List.of(jar, classes, jar), added);
    }
}
