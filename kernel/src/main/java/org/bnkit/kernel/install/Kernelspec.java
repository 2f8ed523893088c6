package org.bnkit.kernel.install;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A {@code kernel.json}: how Jupyter starts the kernel. The installer marks the ones it writes in
 * {@code metadata}, so that it never replaces or removes someone else's kernelspec by accident.
 */
final class Kernelspec {

    static final String FILE_NAME = "kernel.json";

    /** The metadata key that marks a kernelspec written by this installer. */
    static final String OWNER_KEY = "bnkit_kernel";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private Kernelspec() {
    }

    /**
     * The JSON of a kernelspec for this kernel.
     *
     * @param argv        the command line, ending in {@code {connection_file}}
     * @param displayName the kernel menu's name
     * @param version     the kernel's version, recorded in the ownership mark
     */
    static String json(List<String> argv, String displayName, String version) {
        JsonObject spec = new JsonObject();
        JsonArray command = new JsonArray();
        argv.forEach(command::add);
        spec.add("argv", command);
        spec.addProperty("display_name", displayName);
        spec.addProperty("language", "java");
        spec.addProperty("interrupt_mode", "message");
        spec.add("env", new JsonObject());
        JsonObject owner = new JsonObject();
        owner.addProperty("installer", "bnkit-kernel.jar install");
        owner.addProperty("version", version);
        JsonObject metadata = new JsonObject();
        metadata.add(OWNER_KEY, owner);
        spec.add("metadata", metadata);
        return GSON.toJson(spec) + "\n";
    }

    /** Whether the kernelspec in {@code folder} carries this installer's mark. */
    static boolean isOurs(Path folder) {
        Path file = folder.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            JsonObject spec = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
            JsonObject metadata = spec.getAsJsonObject("metadata");
            return metadata != null && metadata.has(OWNER_KEY);
        } catch (IOException | JsonParseException | IllegalStateException | ClassCastException e) {
            return false;
        }
    }

    /** A one-line description of the kernelspec in {@code folder}, for refusal messages. */
    static String describe(Path folder) {
        Path file = folder.resolve(FILE_NAME);
        try {
            JsonObject spec = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
            return "display name '" + spec.get("display_name").getAsString() + "', runs " + spec.get("argv");
        } catch (IOException | JsonParseException | IllegalStateException | ClassCastException
                 | NullPointerException e) {
            return Files.exists(file) ? "unreadable " + FILE_NAME : "no " + FILE_NAME;
        }
    }
}
