package io.wardgate.shared.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * CRLs from distribution points, fetched over HTTP and kept on disk (one file per URL; in memory only when no
 * directory is given). A cached CRL is used
 * until its next update; then a fresh one is fetched. When that fails, the cached one still counts for the
 * grace period after its next update, and after that the certificate's status is unknown (the caller fails
 * closed). Every CRL, fetched or read from disk, must be signed by the certificate's issuer; a fetched CRL
 * older than the cached one is ignored (no rollback).
 */
final class CrlCache {
    /** Issuing distribution point: understood as "this CRL covers part of the issuer's certificates". */
    private static final String ISSUING_DISTRIBUTION_POINT = "2.5.29.28";

    private final Path directory;
    private final Duration grace;
    private final HttpFetch http;
    private final Clock clock;
    private final Map<URI, X509CRL> memory = new HashMap<>();

    CrlCache(Path directory, Duration grace, HttpFetch http, Clock clock) {
        this.directory = directory;
        this.grace = grace;
        this.http = http;
        this.clock = clock;
    }

    /** A CRL from {@code url} signed by {@code issuer} and current or within grace; else an exception saying why. */
    synchronized X509CRL crl(URI url, X509Certificate issuer) throws CertificateException {
        Instant now = clock.instant();
        X509CRL cached = memory.computeIfAbsent(url, u -> fromDisk(u, issuer));
        if (cached != null && now.isBefore(nextUpdate(cached))) {
            return cached;
        }
        String problem;
        try {
            X509CRL fresh = verified(parse(http.get(url)), issuer);
            if (cached == null || !fresh.getThisUpdate().before(cached.getThisUpdate())) {
                store(url, fresh);
                memory.put(url, fresh);
                return fresh;
            }
            problem = "the CRL served is older than the one cached";
        } catch (IOException | GeneralSecurityException e) {
            problem = e.getMessage();
        }
        if (cached != null && now.isBefore(nextUpdate(cached).plus(grace))) {
            return cached;
        }
        throw new CertificateException("no current CRL from " + url + " (" + problem + ")"
                + (cached == null ? "" : "; the cached one expired at " + nextUpdate(cached) + " and the grace period of "
                        + grace.toHours() + " h is over"));
    }

    /** A CRL must carry a next update; one without is treated as due now. */
    static Instant nextUpdate(X509CRL crl) {
        return crl.getNextUpdate() == null ? crl.getThisUpdate().toInstant() : crl.getNextUpdate().toInstant();
    }

    static X509CRL parse(byte[] bytes) throws GeneralSecurityException {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(bytes));
    }

    /** The CRL if {@code issuer} signed it and it has no critical extension we do not understand (delta CRLs). */
    static X509CRL verified(X509CRL crl, X509Certificate issuer) throws GeneralSecurityException {
        if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            throw new GeneralSecurityException("the CRL is issued by " + crl.getIssuerX500Principal() + ", not by "
                    + issuer.getSubjectX500Principal());
        }
        crl.verify(issuer.getPublicKey());
        Set<String> critical = crl.getCriticalExtensionOIDs();
        if (critical != null && !Set.of(ISSUING_DISTRIBUTION_POINT).containsAll(critical)) {
            throw new GeneralSecurityException("the CRL has critical extensions not supported: " + critical);
        }
        return crl;
    }

    private X509CRL fromDisk(URI url, X509Certificate issuer) {
        if (directory == null) {
            return null;
        }
        Path file = file(url);
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > Integer.MAX_VALUE / 2) {
                return null;
            }
            return verified(parse(Files.readAllBytes(file)), issuer);
        } catch (IOException | GeneralSecurityException e) {
            return null; // a damaged or foreign file is as good as none: fetch again
        }
    }

    private void store(URI url, X509CRL crl) throws IOException, GeneralSecurityException {
        if (directory == null) {
            return;
        }
        Files.createDirectories(directory);
        Path file = file(url);
        Path temporary = Files.createTempFile(directory, "crl", ".tmp");
        try {
            Files.write(temporary, crl.getEncoded());
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private Path file(URI url) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(url.toString().getBytes(StandardCharsets.UTF_8));
            return directory.resolve(HexFormat.of().formatHex(hash) + ".crl");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
