package org.bnkit.kernel.magic;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code %classpath PATH...}: adds jars and class folders to the session, for the compiler and at
 * run time, from the next snippet on. Paths may be globs and may be joined with the path
 * separator; a path that matches nothing is ignored, as IJava does.
 */
public final class ClasspathMagic implements LineMagic<Void, BaseKernel> {

    private final Consumer<List<Path>> classpath;

    /** @param classpath adds entries to the session's class path */
    public ClasspathMagic(Consumer<List<Path>> classpath) {
        this.classpath = classpath;
    }

    @Override
    public Void eval(BaseKernel kernel, List<String> args) {
        classpath.accept(PathArguments.resolve(args));
        return null;
    }
}
