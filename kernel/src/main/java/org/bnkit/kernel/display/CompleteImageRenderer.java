package org.bnkit.kernel.display;

import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.RenderFunction;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

import javax.imageio.ImageIO;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Set;

/**
 * jjava's renderer with one correction: images are base64-encoded completely.
 *
 * <p>jjava's image renderer (as IJava's base kernel) writes the PNG through
 * {@link Base64.Encoder#wrap(OutputStream)} and never closes that stream, so the last one or two
 * bytes of every image whose length is not a multiple of three (the end of the IEND chunk's CRC)
 * are lost. The base kernel registers that renderer itself, for {@link RenderedImage} and
 * {@link InputStream}; this renderer takes those registrations with the same MIME types and puts
 * {@link #encode} in place of jjava's function.
 */
public final class CompleteImageRenderer extends Renderer {

    private static final MIMEType PNG = MIMEType.IMAGE_PNG;
    private static final MIMEType JPEG = MIMEType.IMAGE_JPEG;
    private static final MIMEType GIF = MIMEType.IMAGE_GIF;

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> void register(Set<MIMEType> supported, Set<MIMEType> preferred, Set<Class<? extends T>> types,
                             RenderFunction<T> function) {
        if (types.equals(Set.of(RenderedImage.class))) {
            super.register(supported, preferred, (Set) types, (RenderFunction<RenderedImage>) CompleteImageRenderer::render);
        } else if (types.equals(Set.of(InputStream.class))) {
            super.register(supported, preferred, (Set) types, (RenderFunction<InputStream>) CompleteImageRenderer::render);
        } else {
            super.register(supported, preferred, types, function);
        }
    }

    private static void render(RenderedImage image, RenderContext context) {
        context.renderIfRequested(PNG, () -> encode(image, "png"));
        context.renderIfRequested(JPEG, () -> encode(image, "jpeg"));
        context.renderIfRequested(GIF, () -> encode(image, "gif"));
    }

    private static void render(InputStream imageFile, RenderContext context) {
        try {
            RenderedImage image = ImageIO.read(imageFile);
            if (image == null) {
                throw new IllegalArgumentException("The stream holds no image that ImageIO can read (PNG, JPEG, GIF, BMP)");
            }
            render(image, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The image in {@code format}, base64-encoded, every byte of it.
     *
     * @throws IllegalArgumentException if ImageIO has no writer for this format and image type
     */
    public static String encode(RenderedImage image, String format) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, bytes)) {
                throw new IllegalArgumentException("ImageIO cannot write this image as " + format
                        + " (for JPEG, draw it on an image without alpha)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
