package org.bnkit.kernel;

import org.bnkit.kernel.eval.CellEvaluator;
import org.bnkit.kernel.eval.CellException;
import org.bnkit.kernel.eval.CodeAnalysis;
import org.bnkit.kernel.magic.ClasspathMagic;
import org.bnkit.kernel.magic.JarsMagic;
import org.bnkit.kernel.magic.KnownMagicsRegistry;
import org.bnkit.kernel.magic.LoadMagic;
import org.bnkit.kernel.runtime.Display;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.bnkit.kernel.display.CompleteImageRenderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicTranspiler;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The Jupyter kernel: jjava's {@link BaseKernel} handles the protocol and display plumbing, a
 * {@link CellEvaluator} runs cells with JShell in this JVM, a {@link CodeAnalysis} answers
 * completion, inspection and completeness requests, and the magics are
 * {@code %classpath}, {@code %jars} and {@code %load}.
 *
 * <p>JShell starts on a background thread as soon as the kernel is built, so that it warms up
 * while the front end connects; requests that need it wait for it.
 */
public final class BnkitKernel extends BaseKernel {

    /** IJava's default imports, and nothing more, so that notebooks stay portable. */
    static final List<String> DEFAULT_IMPORTS = List.of(
            "import java.util.*;",
            "import java.io.*;",
            "import java.math.*;",
            "import java.net.*;",
            "import java.util.concurrent.*;",
            "import java.util.prefs.*;",
            "import java.util.regex.*;",
            "import static " + Display.class.getName() + ".*;");

    /** How long an interrupted snippet may run on before it is stopped by force. */
    static final Duration INTERRUPT_GRACE = Duration.ofMillis(750);

    private final CompletableFuture<CellEvaluator> evaluator;
    private final CompletableFuture<CodeAnalysis> analysis;

    private BnkitKernel(MagicParser magicParser, MagicsRegistry magics) {
        super("bnkit",
                versionOf(BnkitKernel.class),
                new LanguageInfo.Builder("java")
                        .version(Runtime.version().toString())
                        .mimetype("text/x-java-source")
                        .fileExtension(".jshell")
                        .pygments("java")
                        .codemirror("java")
                        .build(),
                List.of(),
                null,
                new JupyterIO(StandardCharsets.UTF_8),
                new CommManager(),
                new CompleteImageRenderer(),
                magicParser,
                magics,
                false,
                new StringStyler.Builder().build());
        this.evaluator = CompletableFuture.supplyAsync(() ->
                new CellEvaluator(magicParser, compileClasspath(), DEFAULT_IMPORTS, INTERRUPT_GRACE));
        this.analysis = evaluator.thenApply(e -> new CodeAnalysis(e.analysis(), magics.getLineMagicNames()));
    }

    /** Builds the kernel and starts its JShell session in the background. */
    public static BnkitKernel create() {
        MagicsRegistry magics = new KnownMagicsRegistry();
        MagicParser parser = new MagicParser("^[ \\t]*%", "%%", new MagicTranspiler());
        BnkitKernel kernel = new BnkitKernel(parser, magics);
        magics.registerLineMagic("classpath", new ClasspathMagic(entries -> kernel.evaluator().addToClasspath(entries)));
        magics.registerLineMagic("jars", new JarsMagic(entries -> kernel.evaluator().addToClasspath(entries)));
        magics.registerLineMagic("load", new LoadMagic(source -> kernel.evaluator().include(source)));
        return kernel;
    }

    /** Waits until JShell is ready. */
    public void awaitReady() {
        evaluator();
    }

    @Override
    public Object evalRaw(String source) {
        return evaluator().evalCell(source);
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        return analysis.join().inspect(code, at, extraDetail);
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        return analysis.join().complete(code, at);
    }

    @Override
    public String isComplete(String code) {
        return analysis.join().isComplete(code);
    }

    @Override
    public void interrupt() {
        CellEvaluator running = evaluator.getNow(null);
        if (running != null) {
            running.interrupt();
        }
    }

    @Override
    public List<String> formatError(Throwable e) {
        return e instanceof CellException cell ? cell.traceback() : super.formatError(e);
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        evaluator.thenAccept(CellEvaluator::close);
        super.onShutdown(isRestarting);
    }

    @Override
    protected void handleKernelInfoRequest(ShellReplyEnvironment env, Message<KernelInfoRequest> request) {
        env.setBusyDeferIdle();
        env.reply(new KernelInfo(Header.PROTOCOL_VERISON, name, version, getLanguageInfo(), getBanner(),
                getHelpLinks()));
    }

    /** jjava's kernel_info_reply, plus the {@code status} field that protocol 5.1 and later require. */
    private static final class KernelInfo extends KernelInfoReply {

        @SuppressWarnings("unused") // read by gson when the reply is serialized
        private final String status = "ok";

        KernelInfo(String protocolVersion, String name, String version, LanguageInfo languageInfo, String banner,
                   List<HelpLink> helpLinks) {
            super(protocolVersion, name, version, languageInfo, banner, helpLinks);
        }
    }

    private CellEvaluator evaluator() {
        return evaluator.join();
    }

    /**
     * Where the compiler finds the classes that cells use without a {@code %classpath}: the
     * {@link Display} statics and jjava's display and magic classes. When the kernel runs from
     * its jar these are already on {@code java.class.path}; in tests they are folders and jars.
     */
    private static List<Path> compileClasspath() {
        Set<String> onClassPath = new LinkedHashSet<>(
                Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator)));
        List<Path> entries = new ArrayList<>();
        for (Class<?> type : List.of(Display.class, BaseKernel.class)) {
            Path location = locationOf(type);
            if (!onClassPath.contains(location.toString()) && !entries.contains(location)) {
                entries.add(location);
            }
        }
        return entries;
    }

    private static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the classes of " + type, e);
        }
    }

    private static String versionOf(Class<?> type) {
        String version = type.getPackage().getImplementationVersion();
        return version != null ? version : "development";
    }
}
