package org.bnkit.kernel;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BnkitKernelTest {

    private KernelHarness harness;

    @BeforeAll
    void startKernel() throws Exception {
        harness = new KernelHarness();
    }

    @AfterAll
    void stopKernel() {
        harness.close();
    }

    @Test
    void expressionValueIsShownAsPlainText() throws Exception {
        KernelHarness.Execution run = harness.execute("1 + 2");
        assertNull(run.error());
        assertEquals("3", run.resultText());
    }

    @Test
    void expressionStatementWithSemicolonShowsItsValue() throws Exception {
        assertEquals("7", harness.execute("Math.max(3, 7);").resultText());
    }

    @Test
    void bufferedImageAsLastExpressionIsShownAsPng() throws Exception {
        KernelHarness.Execution run = harness.execute(
                "var picture = new java.awt.image.BufferedImage(4, 3, java.awt.image.BufferedImage.TYPE_INT_RGB);\n"
                        + "picture");
        DisplayData result = run.result();
        assertNotNull(result, "no execute_result");
        assertTrue(((String) result.getData(MIMEType.IMAGE_PNG)).startsWith("iVBORw0KGgo"), "not a PNG");
        assertNotNull(result.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void displayOfAnImagePublishesPngDisplayData() throws Exception {
        KernelHarness.Execution run = harness.execute(
                "var shown = new java.awt.image.BufferedImage(2, 2, java.awt.image.BufferedImage.TYPE_INT_ARGB);\n"
                        + "String shownId = display(shown);");
        assertNull(run.error());
        assertEquals(1, run.displays().size());
        assertNotNull(run.displays().get(0).getData(MIMEType.IMAGE_PNG));
        assertNull(run.result(), "a declaration shows no value");
    }

    @Test
    void displayAsLastStatementShowsTheIdAsIJavaDoes() throws Exception {
        KernelHarness.Execution run = harness.execute("display(\"<b>hi</b>\", \"text/html\");");
        assertEquals("<b>hi</b>", run.displays().get(0).getData(MIMEType.parse("text/html")));
        assertEquals(run.displays().get(0).getDisplayId(), run.resultText());
    }

    @Test
    void exceptionNamesClassAndMessageAndTheNextCellRuns() throws Exception {
        KernelHarness.Execution run = harness.execute("int before = 1;\nthrow new IllegalStateException(\"boom\");");
        assertNotNull(run.error());
        assertTrue(run.traceback().contains("java.lang.IllegalStateException: boom"), run.traceback());
        assertTrue(run.traceback().contains("line 2"), run.traceback());
        assertTrue(!run.traceback().contains("jdk.jshell") && !run.traceback().contains("reflect"), run.traceback());
        assertEquals("2", harness.execute("before + 1").resultText());
    }

    @Test
    void runtimeFramesPointAtTheCellsThatDefinedTheCode() throws Exception {
        harness.execute("int divide(int n) {\n    return 10 / n;\n}");
        String traceback = harness.execute("divide(0)").traceback();
        assertTrue(traceback.contains("java.lang.ArithmeticException: / by zero"), traceback);
        assertTrue(traceback.contains("divide (In ["), traceback);
        assertTrue(traceback.contains("line 2): return 10 / n;"), traceback);
    }

    @Test
    void causesAreShown() throws Exception {
        String traceback = harness.execute(
                "throw new RuntimeException(\"outer\", new java.io.IOException(\"inner\"));").traceback();
        assertTrue(traceback.contains("java.lang.RuntimeException: outer"), traceback);
        assertTrue(traceback.contains("Caused by: java.io.IOException: inner"), traceback);
    }

    @Test
    void compileErrorNamesTheLineAndMarksTheSpan() throws Exception {
        KernelHarness.Execution run = harness.execute("int ok1 = 1;\nint bad = \"text\";\nint ok2 = 3;");
        String traceback = run.traceback();
        assertNotNull(traceback, "no error");
        assertTrue(traceback.contains("line 2"), traceback);
        assertTrue(traceback.contains("int bad = \"text\";"), traceback);
        assertTrue(traceback.contains("^^^^^^"), traceback);
        assertTrue(traceback.contains("incompatible types"), traceback);
    }

    @Test
    void declarationsStatementsAndVoidCallsShowNothing() throws Exception {
        assertTrue(harness.execute("int quiet = 3;").outputs().isEmpty());
        assertTrue(harness.execute("quiet++;\n{}").outputs().isEmpty());
        assertTrue(harness.execute("void noop() {}\nnoop()").outputs().isEmpty());
        assertTrue(harness.execute("class Local {}").outputs().isEmpty());
    }

    @Test
    void stdoutAndStderrAreStreamed() throws Exception {
        KernelHarness.Execution run = harness.execute("System.out.println(\"to out\");\nSystem.err.println(\"to err\");");
        assertEquals("to out\n", run.stdout());
        assertEquals("to err\n", run.stderr());
    }

    @Test
    void defaultImportsAreExactlyIJavas() throws Exception {
        assertEquals("[1, 2]", harness.execute("List<Integer> numbers = new ArrayList<>(List.of(1, 2));\nnumbers")
                .resultText());
        assertNull(harness.execute("new BigDecimal(\"1.5\"); new File(\"x\"); Pattern.compile(\"a\"); "
                + "new ConcurrentHashMap<String, String>(); Preferences.class; URI.create(\"http://x\")").error());
        for (String missing : new String[] {"Stream.of(1)", "Function<Integer, Integer> f = x -> x;",
                "Path.of(\"x\")", "LocalDate.now()"}) {
            String traceback = harness.execute(missing).traceback();
            assertNotNull(traceback, missing + " compiled without an import");
            assertTrue(traceback.contains("cannot find symbol"), traceback);
        }
    }

    @Test
    void missingImportInAMethodIsAnErrorNotSilent() throws Exception {
        String traceback = harness.execute("void streams() { Stream.of(1); }").traceback();
        assertNotNull(traceback);
        assertTrue(traceback.contains("Stream"), traceback);
    }

    @Test
    void unknownMagicIsAnErrorListingTheKnownOnes() throws Exception {
        String traceback = harness.execute("%maven org.example:lib:1.0").traceback();
        assertNotNull(traceback);
        assertTrue(traceback.contains("%maven"), traceback);
        assertTrue(traceback.contains("%classpath") && traceback.contains("%jars") && traceback.contains("%load"),
                traceback);
    }

    @Test
    void classpathMagicMakesAJarUsableInTheSameCellAndLaterCells(@TempDir Path dir) throws Exception {
        Path jar = greeterJar(dir);
        KernelHarness.Execution run = harness.execute("%classpath " + jar + "\ndemo.Greeter.greet(\"cell\")");
        assertNull(run.error(), run.traceback());
        assertEquals("hello cell", run.resultText());
        assertEquals("hello later", harness.execute("demo.Greeter.greet(\"later\")").resultText());
    }

    @Test
    void classpathMagicIgnoresPathsThatMatchNothing() throws Exception {
        KernelHarness.Execution run = harness.execute("%classpath does/not/exist.jar other/*.jar\n1");
        assertNull(run.error(), run.traceback());
        assertEquals("1", run.resultText());
    }

    @Test
    void loadMagicRunsAFileAsACell(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("helpers.jsh");
        Files.writeString(file, "int triple(int x) {\n    return 3 * x;\n}\nint loaded = triple(2);\n");
        KernelHarness.Execution run = harness.execute("%load " + file + "\nloaded + triple(1)");
        assertNull(run.error(), run.traceback());
        assertEquals("9", run.resultText());
    }

    @Test
    void errorsInLoadedFilesNameTheFileAndLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.jsh");
        Files.writeString(file, "int fine = 1;\nint wrong = \"no\";\n");
        String traceback = harness.execute("%load " + file).traceback();
        assertTrue(traceback.contains("broken.jsh, line 2"), traceback);
    }

    @Test
    void isCompleteAnswersCompleteIncompleteAndInvalid() {
        BnkitKernel kernel = harness.kernel();
        assertEquals(BaseKernel.IS_COMPLETE_YES, kernel.isComplete("int x = 1;"));
        assertEquals(BaseKernel.IS_COMPLETE_YES, kernel.isComplete("%classpath lib.jar\n1 + 1"));
        assertEquals("    ", kernel.isComplete("for (int i = 0; i < 3; i++) {"));
        assertEquals("", kernel.isComplete("int y ="));
        assertEquals(BaseKernel.IS_COMPLETE_BAD, kernel.isComplete("}"));
    }

    @Test
    void completionOffersPrintlnAfterSystemOutPri() {
        String code = "int z = 1;\nSystem.out.pri";
        ReplacementOptions options = harness.kernel().complete(code, code.length());
        assertTrue(options.getReplacements().contains("println("), options.getReplacements().toString());
        assertEquals(code.length() - "pri".length(), options.getSourceStart());
        assertEquals(code.length(), options.getSourceEnd());
    }

    @Test
    void completionOffersMagicNames() {
        ReplacementOptions options = harness.kernel().complete("%cla", 4);
        assertEquals(java.util.List.of("classpath"), options.getReplacements());
        assertEquals(1, options.getSourceStart());
    }

    @Test
    void inspectionShowsSignatures() {
        DisplayData doc = harness.kernel().inspect("Math.max(1, 2)", 6, false);
        assertNotNull(doc);
        assertTrue(((String) doc.getData(MIMEType.TEXT_PLAIN)).contains("max("), doc.toString());
    }

    @Test
    void interruptStopsASleepingLoopAndTheNextCellRuns() throws Exception {
        assertInterruptEnds("while (true) Thread.sleep(10);");
    }

    @Test
    void interruptForcesABusyLoopToStop() throws Exception {
        assertInterruptEnds("while (true) {}");
    }

    @Test
    void interruptStopsCodeThatSwallowsInterrupts() throws Exception {
        assertInterruptEnds("while (true) { try { Thread.sleep(10); } catch (InterruptedException e) { } }");
    }

    private void assertInterruptEnds(String loop) throws Exception {
        CompletableFuture<KernelHarness.Execution> running = CompletableFuture.supplyAsync(() -> {
            try {
                return harness.execute(loop + "\nint never = 1;");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(700);
        long interruptedAt = System.nanoTime();
        harness.kernel().interrupt();
        KernelHarness.Execution run = running.get(5, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - interruptedAt) / 1e9;
        assertTrue(seconds < 2, "took " + seconds + " s after the interrupt");
        assertNotNull(run.traceback());
        assertTrue(run.traceback().toLowerCase().contains("interrupted"), run.traceback());
        assertNotNull(harness.execute("never").error(), "the rest of the interrupted cell ran");
        assertEquals("2", harness.execute("1 + 1").resultText());
    }

    /** Compiles {@code demo.Greeter} into a jar in {@code dir}. */
    private static Path greeterJar(Path dir) throws Exception {
        Path src = dir.resolve("src/demo/Greeter.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "package demo;\npublic class Greeter {\n"
                + "    public static String greet(String name) { return \"hello \" + name; }\n}\n");
        Path classes = dir.resolve("classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-d", classes.toString(), src.toString()));
        Path jar = dir.resolve("greeter.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("demo/Greeter.class"));
            out.write(Files.readAllBytes(classes.resolve("demo/Greeter.class")));
            out.closeEntry();
        }
        return jar;
    }
}
