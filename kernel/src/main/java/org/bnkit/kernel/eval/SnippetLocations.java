package org.bnkit.kernel.eval;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers where each JShell snippet came from, so that a stack frame JShell reports as
 * "line 2 of snippet #17" can be shown as "line 5 of In [3]". Methods and classes live on after
 * their cell ran, so the map covers every snippet of the session.
 */
final class SnippetLocations {

    /** Where a snippet starts: its source and the 1-based line of its first character there. */
    record Location(SourceText source, int firstLine) {

        /** The 1-based line of {@link #source()} that holds line {@code snippetLine} of the snippet. */
        int sourceLine(int snippetLine) {
            return firstLine + snippetLine - 1;
        }
    }

    private final Map<String, Location> byId = new ConcurrentHashMap<>();

    void record(String snippetId, SourceText source, int firstLine) {
        byId.put(snippetId, new Location(source, firstLine));
    }

    /**
     * @param fileName the file name of a stack frame; JShell names snippet frames {@code "#id"}
     * @return the snippet's location, or {@code null} for frames outside snippets
     */
    Location forFrame(String fileName) {
        if (fileName == null || !fileName.startsWith("#")) {
            return null;
        }
        return byId.get(fileName.substring(1));
    }
}
