package io.wardgate.check.internal;

import io.wardgate.check.CheckResult;
import io.wardgate.check.Installation;
import io.wardgate.check.Probe;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** S2: every certificate in the key and configuration directories is valid now and not about to expire. */
final class CertificatesProbe implements Probe {
    private static final long MAX_FILE = 1 << 20;

    @Override
    public String id() {
        return "certificate-expiry";
    }

    @Override
    public CheckResult run(Installation installation) {
        Instant now = installation.clock().instant();
        Instant warnAfter = now.plus(Duration.ofDays(installation.expiryWarningDays()));
        List<String> problems = new ArrayList<>();
        int count = 0;
        Instant soonest = null;
        for (Path file : Stream.concat(Files2.walk(installation.keys(), 4).stream(),
                Files2.walk(installation.conf(), 4).stream()).distinct().toList()) {
            for (X509Certificate cert : certificates(file)) {
                count++;
                Instant notAfter = cert.getNotAfter().toInstant();
                String who = file.getFileName() + " (" + cert.getSubjectX500Principal().getName() + ")";
                if (now.isAfter(notAfter)) {
                    problems.add(who + " expired " + notAfter);
                } else if (now.isBefore(cert.getNotBefore().toInstant())) {
                    problems.add(who + " is not valid before " + cert.getNotBefore().toInstant());
                } else if (notAfter.isBefore(warnAfter)) {
                    problems.add(who + " expires " + notAfter + ", within " + installation.expiryWarningDays() + " days");
                }
                soonest = soonest == null || notAfter.isBefore(soonest) ? notAfter : soonest;
            }
        }
        if (count == 0) {
            return CheckResult.fail(id(), "S2", "no certificate found: the gateway has not been provisioned");
        }
        return problems.isEmpty()
                ? CheckResult.pass(id(), "S2", count + " certificate(s) valid; the first expires " + soonest)
                : CheckResult.fail(id(), "S2", String.join("; ", Files2.firstFew(problems)));
    }

    private static List<X509Certificate> certificates(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!(name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer"))
                || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try {
            if (Files.size(file) > MAX_FILE) {
                return List.of();
            }
            if (name.endsWith(".pem") && !Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1)
                    .contains("-----BEGIN CERTIFICATE-----")) {
                return List.of(); // a private key, not a certificate
            }
            try (InputStream in = Files.newInputStream(file)) {
                List<X509Certificate> certs = new ArrayList<>();
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    if (c instanceof X509Certificate x) {
                        certs.add(x);
                    }
                }
                return certs;
            }
        } catch (Exception e) {
            return List.of();
        }
    }
}
