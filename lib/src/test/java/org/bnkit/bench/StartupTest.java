package org.bnkit.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The startup benchmark's bookkeeping and its child JVMs (its timings are not tested: speed stays out of unit tests). */
class StartupTest {

    @Test
    void optionsHaveDefaultsAndRefuseWhatTheyCannotUse() {
        assertEquals(new Startup.Options(3, 12, false), Startup.Options.parse(new String[0]));
        assertEquals(new Startup.Options(5, 6.5, true), Startup.Options.parse(new String[] {"--runs", "5", "--seconds", "6.5", "--one-cpu"}));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Startup.Options.parse(new String[] {"--runs", "0"}))
                .getMessage().contains("--runs needs a whole number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Startup.Options.parse(new String[] {"--seconds", "0.5"}))
                .getMessage().contains("--seconds needs a number of seconds >= 1.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Startup.Options.parse(new String[] {"--mlp"}))
                .getMessage().contains("unknown option '--mlp'"));
    }

    @Test
    void aCountLineReadsBackAsItWasWritten() {
        Startup.Count count = new Startup.Count(new int[] {3, 40, 400}, 1.25, "1 processor, collector Copy, MarkSweepCompact");
        assertEquals("steps 3,40,400 vector-loops-from 1.250 jvm 1 processor, collector Copy, MarkSweepCompact", count.line());
        Startup.Count back = Startup.Count.parse(count.line());
        assertArrayEquals(count.steps(), back.steps());
        assertEquals(1.25, back.vectorLoopsFrom());
        assertEquals(count.jvm(), back.jvm());
        assertTrue(Double.isNaN(Startup.Count.parse("steps 1,2 vector-loops-from never jvm 2 processors, collector G1").vectorLoopsFrom()));
        assertThrows(IllegalArgumentException.class, () -> Startup.Count.parse("WARNING: Using incubator modules"));
    }

    @Test
    void theRunsAreLevelFromTheFirstMarkAfterWhichTheModuleNeverFallsBehind() {
        // marks every 0.5 s; ahead at 1.0 s, behind again at 1.5 s, ahead from 2.0 s to the end
        Startup.Run run = new Startup.Run(new Startup.Count(new int[] {10, 60, 80, 300, 600}, 1.2, "2 processors"),
                new Startup.Count(new int[] {50, 55, 100, 150, 200}, Double.NaN, "2 processors"));
        assertEquals(2.0, run.levelFrom());
        Startup.Run behind = new Startup.Run(new Startup.Count(new int[] {10, 20, 30}, Double.NaN, "2 processors"),
                new Startup.Count(new int[] {50, 100, 150}, Double.NaN, "2 processors"));
        assertTrue(Double.isNaN(behind.levelFrom()));
        assertTrue(behind.describe().contains("at no time to the end of the run"), behind.describe());
        assertTrue(Startup.summary(List.of(run, behind)).contains("level from 2.0 s, not within the run"), Startup.summary(List.of(run, behind)));
        // the last two seconds are the last four marks: (600 - 10) steps in 2 s
        assertEquals(295.0, run.withModule().lastRate());
    }

    @Test
    void oneCpuRunsBothJvmsUnderTasksetWithBindersHeap() {
        List<String> withModule = Startup.command(new Startup.Options(1, 2, true), true);
        assertEquals("taskset", withModule.get(0));
        assertTrue(withModule.contains("-Xmx512m"));
        assertTrue(withModule.contains("jdk.incubator.vector"));
        List<String> without = Startup.command(new Startup.Options(1, 2, false), false);
        assertFalse(without.contains("taskset") || without.contains("-Xmx512m") || without.contains("jdk.incubator.vector"), without.toString());
    }

    @Test
    void aChildJvmTrainsAndCountsItsSteps() throws Exception {
        for (boolean module : new boolean[] {true, false}) {
            Startup.Count count = Startup.count(new Startup.Options(1, 1, false), module);
            assertEquals(2, count.steps().length);
            assertTrue(count.steps()[0] > 0 && count.steps()[1] > count.steps()[0], count.line());
            assertTrue(count.jvm().matches("[0-9]+ processors?, collector .+"), count.line());
            if (!module) {
                assertTrue(Double.isNaN(count.vectorLoopsFrom()), "no module, no Vector API loops: " + count.line());
            }
        }
    }
}
