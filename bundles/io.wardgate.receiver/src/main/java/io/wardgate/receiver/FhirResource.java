package io.wardgate.receiver;

import io.wardgate.seal.envelope.KeyIds;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * One FHIR resource as JSON, with the deterministic identifier (system {@value FhirResources#READING_ID})
 * that lets a server create it only once: the same reading delivered twice (after a receiver
 * failover) yields the same identifier, id and fullUrl.
 *
 * @param identifier gateway/device/epoch/sequence/part
 * @param json the resource
 */
record FhirResource(String identifier, String json) {

    FhirResource {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(json, "json");
    }

    /** A logical id from the identifier: "wg-" and 32 hex digits of its SHA-256. */
    static String logicalId(String identifier) {
        return "wg-" + KeyIds.hex(Arrays.copyOf(sha256(identifier), 16));
    }

    /** A name-based UUID for the bundle entry's fullUrl. */
    String fullUrl() {
        return "urn:uuid:" + UUID.nameUUIDFromBytes(identifier.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The conditional-create search, {@code identifier=system|value}: search-token characters in the
     * value escaped with a backslash, then the token URL-encoded.
     */
    String ifNoneExist() {
        String value = identifier.replace("\\", "\\\\").replace("|", "\\|").replace(",", "\\,").replace("$", "\\$");
        return "identifier=" + URLEncoder.encode(FhirResources.READING_ID + "|" + value, StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
