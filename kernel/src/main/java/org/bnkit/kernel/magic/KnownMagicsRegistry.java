package org.bnkit.kernel.magic;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;

import java.util.List;

/** jjava's registry of magics, whose error for an unknown magic lists the known ones. */
public final class KnownMagicsRegistry extends MagicsRegistry {

    @Override
    public <T, K extends BaseKernel> T evalLineMagic(K kernel, String name, List<String> args) throws Exception {
        if (!getLineMagicNames().contains(name)) {
            throw new UnknownMagicException(name, true, getLineMagicNames());
        }
        return super.evalLineMagic(kernel, name, args);
    }

    @Override
    public <T, K extends BaseKernel> T evalCellMagic(K kernel, String name, List<String> args, String body)
            throws Exception {
        if (!getCellMagicNames().contains(name)) {
            throw new UnknownMagicException(name, false, getCellMagicNames());
        }
        return super.evalCellMagic(kernel, name, args, body);
    }
}
