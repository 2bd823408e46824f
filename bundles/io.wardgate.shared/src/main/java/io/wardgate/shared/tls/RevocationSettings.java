package io.wardgate.shared.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How certificate revocation is checked. On by default; {@link #off()} is the explicit opt-out a component
 * offers as a setting and audits when used.
 *
 * @param enabled check revocation (false only by an operator's explicit choice)
 * @param cacheDirectory where CRLs fetched from distribution points are kept (survive restarts); null: in
 *     memory only
 * @param grace how long past its next update a cached CRL is still used while no fresh one can be
 *     fetched; after that the certificate is refused (fail closed). 0 to 7 days
 * @param timeout bound on one CRL or OCSP request (connect plus the whole answer). 1 to 60 seconds
 * @param maxResponseBytes bound on one CRL or OCSP answer, checked before and while reading. 1 KiB to 64 MiB
 * @param crlFiles CRLs an operator installs by hand (in addition to the distribution points)
 */
public record RevocationSettings(boolean enabled, Path cacheDirectory, Duration grace, Duration timeout,
        int maxResponseBytes, List<Path> crlFiles) {
    public static final Duration DEFAULT_GRACE = Duration.ofHours(24);
    public static final Duration MAX_GRACE = Duration.ofDays(7);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

    public RevocationSettings {
        crlFiles = List.copyOf(crlFiles);
        if (enabled) {
            require(grace, Duration.ZERO, MAX_GRACE, "revocation grace period");
            require(timeout, Duration.ofSeconds(1), Duration.ofMinutes(1), "revocation request timeout");
            if (maxResponseBytes < 1024 || maxResponseBytes > 64 * 1024 * 1024) {
                throw new IllegalArgumentException("largest CRL must be 1 KiB to 64 MiB, not " + maxResponseBytes);
            }
        }
    }

    /** On, with the default grace (24 h), timeout (10 s) and size bound (10 MiB). */
    public static RevocationSettings defaults(Path cacheDirectory) {
        return new RevocationSettings(true, cacheDirectory, DEFAULT_GRACE, DEFAULT_TIMEOUT,
                DEFAULT_MAX_RESPONSE_BYTES, List.of());
    }

    /** On, with defaults, keeping fetched CRLs in memory only (command-line tools, a receiver's signer check). */
    public static RevocationSettings inMemory() {
        return defaults(null);
    }

    /** The explicit opt-out: no revocation check at all. */
    public static RevocationSettings off() {
        return new RevocationSettings(false, null, Duration.ZERO, DEFAULT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES,
                List.of());
    }

    public RevocationSettings withGrace(Duration newGrace) {
        return new RevocationSettings(enabled, cacheDirectory, newGrace, timeout, maxResponseBytes, crlFiles);
    }

    public RevocationSettings withCrlFiles(List<Path> files) {
        return new RevocationSettings(enabled, cacheDirectory, grace, timeout, maxResponseBytes, files);
    }

    private static void require(Duration value, Duration min, Duration max, String name) {
        Objects.requireNonNull(value, name);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be " + min + " to " + max + ", not " + value);
        }
    }
}
