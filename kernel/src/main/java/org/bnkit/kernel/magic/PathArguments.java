package org.bnkit.kernel.magic;

import org.dflib.jjava.jupyter.kernel.util.PathsHandler;

import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Magic arguments that name files: each argument may hold several paths separated by the
 * platform's path separator, and each path may be a glob ({@code lib/*.jar}). Relative paths are
 * resolved against the kernel's working directory (the notebook's folder under Jupyter).
 */
final class PathArguments {

    private PathArguments() {
    }

    /**
     * @return the existing files and folders the arguments name, in order; a path that matches
     * nothing is left out, as IJava does
     */
    static List<Path> resolve(List<String> args) {
        List<Path> paths = new ArrayList<>();
        for (String arg : args) {
            for (String path : PathsHandler.split(arg)) {
                for (Path match : matches(path)) {
                    paths.add(match.toAbsolutePath().normalize());
                }
            }
        }
        return paths;
    }

    /** The files a glob matches; none when a folder it goes through does not exist. */
    private static List<Path> matches(String glob) {
        try {
            return PathsHandler.resolveGlobs(glob);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof NoSuchFileException || e.getCause() instanceof NotDirectoryException) {
                return List.of();
            }
            throw e;
        }
    }
}
