package io.wardgate.shared.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Plain HTTP GET (CRLs) and POST (OCSP) to exactly the URL a certificate names: no redirects, no proxy, no
 * cache; the answer's size is checked against the bound before and while reading, and the whole exchange
 * against the time bound. CRLs and OCSP answers are signed, so HTTP is what RFC 5280 and RFC 6960 use.
 */
final class HttpFetch {
    private final Duration timeout;
    private final int maxBytes;

    HttpFetch(Duration timeout, int maxBytes) {
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    /** Whether a certificate's URL is one we fetch (http only: ldap, file and others are ignored). */
    static boolean fetchable(URI uri) {
        return uri.getScheme() != null && uri.getScheme().toLowerCase(Locale.ROOT).equals("http")
                && uri.getHost() != null;
    }

    byte[] get(URI uri) throws IOException {
        return exchange(uri, null, null);
    }

    byte[] post(URI uri, String contentType, byte[] body) throws IOException {
        return exchange(uri, contentType, body);
    }

    private byte[] exchange(URI uri, String contentType, byte[] body) throws IOException {
        if (!fetchable(uri)) {
            throw new IOException("not an http URL: " + uri);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
        try {
            int millis = (int) timeout.toMillis();
            connection.setConnectTimeout(millis);
            connection.setReadTimeout(millis);
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            if (body != null) {
                connection.setRequestMethod("POST");
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", contentType);
                connection.setFixedLengthStreamingMode(body.length);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = connection.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new IOException("HTTP " + status + " from " + uri);
            }
            long declared = connection.getContentLengthLong();
            if (declared > maxBytes) {
                throw new IOException(uri + " answers " + declared + " bytes, more than " + maxBytes);
            }
            try (InputStream in = connection.getInputStream()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 8192);
                byte[] buffer = new byte[8192];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (out.size() + n > maxBytes) {
                        throw new IOException(uri + " answers more than " + maxBytes + " bytes");
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IOException(uri + " took longer than " + timeout.toSeconds() + " s");
                    }
                    out.write(buffer, 0, n);
                }
                return out.toByteArray();
            }
        } finally {
            connection.disconnect();
        }
    }
}
