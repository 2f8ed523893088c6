package org.bnkit.kernel.magic;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code %jars PATH...}: like {@code %classpath}, but for jars only: a folder stands for the jars
 * directly inside it, and files that are not jars are ignored.
 */
public final class JarsMagic implements LineMagic<Void, BaseKernel> {

    private final Consumer<List<Path>> classpath;

    /** @param classpath adds entries to the session's class path */
    public JarsMagic(Consumer<List<Path>> classpath) {
        this.classpath = classpath;
    }

    @Override
    public Void eval(BaseKernel kernel, List<String> args) {
        List<Path> jars = new ArrayList<>();
        for (Path path : PathArguments.resolve(args)) {
            if (Files.isDirectory(path)) {
                jars.addAll(jarsIn(path));
            } else if (isJar(path)) {
                jars.add(path);
            }
        }
        classpath.accept(jars);
        return null;
    }

    private static List<Path> jarsIn(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(JarsMagic::isJar).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
    }

    private static boolean isJar(Path path) {
        return Files.isRegularFile(path) && path.getFileName().toString().endsWith(".jar");
    }
}
