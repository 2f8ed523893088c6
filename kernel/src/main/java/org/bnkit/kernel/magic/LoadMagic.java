package org.bnkit.kernel.magic;

import org.bnkit.kernel.eval.SourceText;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code %load FILE...}: runs {@code .jsh} or {@code .java} files as if they were cells, right
 * after the {@code %load} line. Errors name the file and its line.
 */
public final class LoadMagic implements LineMagic<Void, BaseKernel> {

    private final Consumer<SourceText> include;

    /** @param include queues a source to run after the current snippet */
    public LoadMagic(Consumer<SourceText> include) {
        this.include = include;
    }

    @Override
    public Void eval(BaseKernel kernel, List<String> args) throws IOException {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("Usage: %load FILE.jsh (or FILE.java), relative to the notebook's folder");
        }
        for (String arg : args) {
            Path file = Path.of(arg);
            String name = file.getFileName().toString();
            if (!name.endsWith(".jsh") && !name.endsWith(".java")) {
                throw new IllegalArgumentException("%load runs .jsh and .java files only, not " + arg);
            }
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("No such file: " + file.toAbsolutePath());
            }
            include.accept(new SourceText(arg, Files.readString(file)));
        }
        return null;
    }
}
