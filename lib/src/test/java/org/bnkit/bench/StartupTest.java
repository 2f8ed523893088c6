package org.bnkit.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The startup benchmark's bookkeeping and its child JVMs (its timings are not tested: speed stays out of unit tests). */
class StartupTest {

    /** A count of {@code steps.length} marks whose CPU seconds are the mark times, as on a processor of its own. */
    private static Startup.Count count(int... steps) {
        double[] cpu = new double[steps.length];
        for (int i = 0; i < cpu.length; i++) {
            cpu[i] = (i + 1) * Startup.MARK;
        }
        return new Startup.Count(steps, cpu, Double.NaN, 1.0, "2 processors, collector G1 Young Generation, G1 Old Generation");
    }

    @Test
    void optionsHaveDefaultsAndRefuseWhatTheyCannotUse() {
        assertEquals(new Startup.Options(3, 20, false), Startup.Options.parse(new String[0]));
        assertEquals(new Startup.Options(5, 6.5, true), Startup.Options.parse(new String[] {"--runs", "5", "--seconds", "6.5", "--one-cpu"}));
        for (String runs : new String[] {"0", "1000", "99999999999", "2.5"}) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> Startup.Options.parse(new String[] {"--runs", runs}))
                    .getMessage().contains("--runs needs a whole number of runs from 1 to 999"), runs);
        }
        for (String seconds : new String[] {"3.5", "601", "6.25", "ten"}) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> Startup.Options.parse(new String[] {"--seconds", seconds}))
                    .getMessage().contains("--seconds needs a whole or half number of seconds from 4.0 to 600.0"), seconds);
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Startup.Options.parse(new String[] {"--mlp"}))
                .getMessage().contains("unknown option '--mlp'"));
    }

    @Test
    void aCountLineReadsBackAsItWasWritten() {
        Startup.Count count = new Startup.Count(new int[] {3, 40, 400}, new double[] {0.125, 0.5, 1.25}, 1.25, 2.5,
                "1 processor, collector Copy, MarkSweepCompact");
        assertEquals("steps 3,40,400 cpu 0.125,0.500,1.250 vector-loops-from 1.250 compile 2.500 jvm 1 processor, collector Copy, MarkSweepCompact",
                count.line());
        Startup.Count back = Startup.Count.parse(count.line());
        assertArrayEquals(count.steps(), back.steps());
        assertArrayEquals(count.cpu(), back.cpu());
        assertEquals(1.25, back.vectorLoopsFrom());
        assertEquals(2.5, back.compileSeconds());
        assertEquals(count.jvm(), back.jvm());
        assertTrue(Double.isNaN(Startup.Count.parse("steps 1,2 cpu 0.1,0.2 vector-loops-from never compile 0.300 jvm 2 processors")
                .vectorLoopsFrom()));
        assertThrows(IllegalArgumentException.class, () -> Startup.Count.parse("WARNING: Using incubator modules: jdk.incubator.vector"));
    }

    @Test
    void theModuleCatchesUpFromTheFirstMarkAfterWhichItNeverFallsBehind() {
        // marks every 0.5 s; ahead at 1.0 s, behind again at 1.5 s, ahead from 2.0 s to the end
        Startup.Run run = new Startup.Run(count(10, 60, 80, 300, 600), count(50, 55, 100, 150, 200));
        assertEquals(2.0, run.caughtUpFrom());
        assertEquals(0.5, new Startup.Run(count(5, 6, 7, 8, 9), count(5, 6, 7, 8, 9)).caughtUpFrom(), "level counts as caught up");
        Startup.Run behind = new Startup.Run(count(10, 20, 30, 40, 50), count(50, 100, 150, 200, 250));
        assertTrue(Double.isNaN(behind.caughtUpFrom()));
        assertTrue(behind.describe().contains("still behind at the end of the run"), behind.describe());
        String summary = Startup.summary(List.of(run, behind));
        assertTrue(summary.contains("caught up from 2.0 s, not within the run"), summary);
        assertTrue(summary.contains("the Vector API's loops from no time in any run"), summary);
    }

    @Test
    void theLastRateCountsTheStepsOfTheLastTwoSeconds() {
        // five marks span 2.5 s; the last 2 s run from the first mark to the fifth
        assertEquals((600 - 10) / 2.0, count(10, 60, 80, 300, 600).lastRate());
        assertEquals((600 - 80) / 2.0, count(1, 10, 60, 80, 300, 400, 500, 600).lastRate(), "the last four intervals only");
    }

    @Test
    void theTableReadsTheMarksAtOneTwoAndFourSeconds() {
        int[] with = new int[8], without = new int[8];
        for (int i = 0; i < 8; i++) {
            with[i] = 1000 + i; // the mark at (i + 1) / 2 s holds 1000 + i
            without[i] = 2000 + i;
        }
        assertEquals(1, Startup.markAt(1.0));
        assertEquals(7, Startup.markAt(4.0));
        String table = new Startup.Run(count(with), count(without)).describe();
        assertTrue(table.contains("by  1 s:    1001 /    2001"), table);
        assertTrue(table.contains("by  2 s:    1003 /    2003"), table);
        assertTrue(table.contains("by  4 s:    1007 /    2007"), table);
        assertFalse(table.contains("by  8 s"), table);
        assertTrue(table.contains("1.00 /   1.00"), "the CPU seconds at the 1-s mark: " + table);
    }

    @Test
    void theMedianOfAnEvenNumberOfRunsIsTheMeanOfTheMiddleTwo() {
        assertEquals("2.50 (1.00-9.00)", Startup.medianAndRange(List.of(9.0, 1.0, 3.0, 2.0), "%.2f"));
        assertEquals("3.00 (1.00-9.00)", Startup.medianAndRange(List.of(9.0, 1.0, 3.0), "%.2f"));
    }

    @Test
    void oneCpuRunsBothJvmsUnderTasksetWithBindersHeapAndTheOptionsBeforeTheMainClass() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "--one-cpu needs Linux");
        for (boolean module : new boolean[] {true, false}) {
            List<String> command = Startup.command(new Startup.Options(1, 4, true), module);
            int mainClass = command.indexOf(Startup.class.getName());
            assertEquals("taskset", command.get(0), command.toString());
            assertTrue(command.indexOf("-Xmx512m") > 0 && command.indexOf("-Xmx512m") < mainClass, command.toString());
            assertEquals(module, command.indexOf("jdk.incubator.vector") > 0 && command.indexOf("jdk.incubator.vector") < mainClass,
                    command.toString());
        }
        List<String> twoCpus = Startup.command(new Startup.Options(1, 4, false), true);
        assertFalse(twoCpus.contains("taskset") || twoCpus.contains("-Xmx512m"), twoCpus.toString());
    }

    @Test
    void aChildJvmTrainsAndCountsItsStepsAndItsTrainingThreadsCpuTime() throws Exception {
        for (boolean module : new boolean[] {true, false}) {
            Startup.Count count = Startup.count(new Startup.Options(1, 1, false), module);
            assertEquals(2, count.steps().length);
            assertTrue(count.steps()[0] > 0 && count.steps()[1] > count.steps()[0], count.line());
            assertTrue(count.cpu()[0] > 0 && count.cpu()[1] >= count.cpu()[0] && count.cpu()[1] < 10, count.line());
            assertTrue(count.compileSeconds() > 0, count.line());
            assertTrue(count.jvm().matches("[0-9]+ processors?, collector .+"), count.line());
            if (!module) {
                assertTrue(Double.isNaN(count.vectorLoopsFrom()), "no module, no Vector API loops: " + count.line());
            }
        }
    }
}
