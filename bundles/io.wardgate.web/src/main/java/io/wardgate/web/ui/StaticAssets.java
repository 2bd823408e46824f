package io.wardgate.web.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The pages, styles and scripts packed in the bundle under /static; only names the route table lists. */
public final class StaticAssets {
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    public static String typeOf(String name) {
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (name.endsWith(".svg")) {
            return "image/svg+xml";
        }
        throw new IllegalArgumentException("unknown asset type: " + name);
    }

    public byte[] load(String name) {
        return cache.computeIfAbsent(name, n -> {
            try (InputStream in = StaticAssets.class.getResourceAsStream("/static/" + n)) {
                if (in == null) {
                    throw new IllegalStateException("asset missing from the bundle: " + n);
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
