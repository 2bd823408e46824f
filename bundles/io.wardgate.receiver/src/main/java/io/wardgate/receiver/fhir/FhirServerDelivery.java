package io.wardgate.receiver.fhir;

import io.wardgate.receiver.spool.Delivery;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Posts a FHIR transaction Bundle to a server's base URL (FHIR R4 RESTful API, "transaction"). A
 * transaction is all or nothing, so the HTTP status decides: 2xx delivered; 408, 429 and 5xx retry
 * later; any other 4xx is a refusal of the content (kept aside with the server's answer, shortened).
 */
public final class FhirServerDelivery implements Delivery {
    static final String FHIR_JSON = "application/fhir+json";
    private static final int MAX_REASON = 2000;

    /**
     * @param base the server's base URL, http or https (e.g. https://fhir.example.org/fhir)
     * @param timeout how long to wait for the server's answer
     * @param tls the TLS context for https (trust anchors, client key); empty for the JVM's default
     * @param bearerToken sent as "Authorization: Bearer ..." when present; never logged
     */
    public record Settings(URI base, Duration timeout, Optional<SSLContext> tls, Optional<String> bearerToken) {
        public Settings {
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(tls, "tls");
            Objects.requireNonNull(bearerToken, "bearerToken");
            if (!"https".equals(base.getScheme()) && !"http".equals(base.getScheme())) {
                throw new IllegalArgumentException("the FHIR base URL must be http or https");
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
        }

        @Override
        public String toString() {
            return "Settings[base=" + base + ", timeout=" + timeout + ", tls=" + tls.isPresent() + ", bearerToken="
                    + (bearerToken.isPresent() ? "(set)" : "(none)") + "]";
        }
    }

    private final Settings settings;
    private final HttpClient client;

    public FhirServerDelivery(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        settings.tls().ifPresent(builder::sslContext);
        this.client = builder.build();
    }

    @Override
    public Outcome deliver(byte[] bundle) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.base()).timeout(settings.timeout())
                .header("Content-Type", FHIR_JSON + "; charset=UTF-8").header("Accept", FHIR_JSON)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bundle));
        settings.bearerToken().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while posting to " + settings.base(), e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Delivered();
        }
        String reason = "HTTP " + status + ": " + shorten(response.body());
        if (status == 408 || status == 429 || status >= 500) {
            return new Retry(reason);
        }
        return new Refused(reason);
    }

    private static String shorten(String body) {
        String flat = body.replaceAll("[\\r\\n\\t]+", " ");
        return flat.length() <= MAX_REASON ? flat : flat.substring(0, MAX_REASON) + "...";
    }
}
