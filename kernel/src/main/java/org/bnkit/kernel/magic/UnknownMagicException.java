package org.bnkit.kernel.magic;

import org.dflib.jjava.jupyter.kernel.magic.UndefinedMagicException;

import java.util.Collection;
import java.util.stream.Collectors;

/** A {@code %name} or {@code %%name} that the kernel does not know; the message lists those it knows. */
public final class UnknownMagicException extends UndefinedMagicException {

    private final String message;

    UnknownMagicException(String name, boolean line, Collection<String> known) {
        super(name, line);
        String prefix = line ? "%" : "%%";
        String kind = line ? "line" : "cell";
        this.message = "Unknown " + kind + " magic " + prefix + name + ". "
                + (known.isEmpty()
                    ? "This kernel has no " + kind + " magics."
                    : "Known " + kind + " magics: " + known.stream().sorted()
                        .map(n -> prefix + n).collect(Collectors.joining(", ")) + ".");
    }

    @Override
    public String getMessage() {
        return message;
    }
}
