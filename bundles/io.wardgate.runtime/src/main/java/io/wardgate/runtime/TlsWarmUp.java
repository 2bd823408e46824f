package io.wardgate.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.spec.ECGenParameterSpec;
import java.util.stream.Stream;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import org.osgi.annotation.bundle.Header;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads and initialises the JDK's TLS and elliptic-curve classes on a thread of its own while the
 * framework starts the bundles, so that the uplink's first connection (which waits for them: most of
 * its handshake's CPU is first-use class loading, docs/benchmarks-history.md, "Start-up to the first reading,
 * fourth pass") finds them ready. It touches no key, certificate, trust anchor or setting of the
 * gateway and opens no connection: a throwaway context that trusts nothing writes one ClientHello into
 * a buffer, and a throwaway P-256 key signs and verifies a few bytes. A failure only loses the head
 * start. Only when the configuration directory holds an uplink configuration; SQLite's classes are loaded
 * first on the same thread ({@link SqliteWarmUp}), Bouncy Castle's envelope primitives last
 * ({@link EnvelopeCryptoWarmUp}), then the JDK's record methods ({@link RecordWarmUp}) and, when a serial port is
 * configured, jSerialComm's native library ({@link SerialWarmUp}). A bundle activator, not a
 * component: it runs when this bundle starts, before the declarative-services runtime activates the uplink.
 */
@Header(name = Constants.BUNDLE_ACTIVATOR, value = "${@class}")
public final class TlsWarmUp implements BundleActivator {
    private static final Logger LOG = LoggerFactory.getLogger(TlsWarmUp.class);

    /** The uplink's configuration files (PID, and factory instances "-name") in the configuration directory. */
    static final String UPLINK_CONFIG = "io.wardgate.uplink.Uplink";

    @Override
    public void start(BundleContext context) {
        // Without an uplink to configure nothing would use these classes (about 5 MiB of metaspace).
        if (!uplinkConfigured(context.getProperty("felix.fileinstall.dir"))) {
            return;
        }
        // SQLite first: the outbox opens its database before the uplink's connection needs TLS; the
        // envelope's cryptography last: the first envelope is sealed once the sources have started.
        boolean serialPorts = SerialWarmUp.portConfigured(context.getProperty("felix.fileinstall.dir"));
        Thread thread = new Thread(() -> {
            SqliteWarmUp.warmUp();
            warmUp();
            EnvelopeCryptoWarmUp.warmUp();
            RecordWarmUp.warmUp();
            if (serialPorts) {
                SerialWarmUp.warmUp();
            }
        }, "wardgate-tls-warmup");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop(BundleContext context) {
        // the thread ends by itself within a fraction of a second; it holds nothing
    }

    static boolean uplinkConfigured(String configDirectory) {
        return configured(configDirectory, UPLINK_CONFIG);
    }

    /** True when the configuration directory holds a file whose name starts with {@code prefix}. */
    static boolean configured(String configDirectory, String prefix) {
        if (configDirectory == null) {
            return false;
        }
        try (Stream<Path> files = Files.list(Path.of(configDirectory))) {
            return files.anyMatch(file -> file.getFileName().toString().startsWith(prefix));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** True when every step ran (the JDK has TLS and P-256 as the uplink needs them). */
    static boolean warmUp() {
        long started = System.nanoTime();
        try {
            KeyStore none = KeyStore.getInstance("PKCS12");
            none.load(null, null);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(none); // no anchors: trusts nothing
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(new KeyManager[0], trust.getTrustManagers(), new SecureRandom());
            SSLEngine engine = tls.createSSLEngine("warm-up.invalid", 8883);
            engine.setUseClientMode(true);
            ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            engine.wrap(ByteBuffer.allocate(0), out); // the ClientHello, with its key shares
            engine.closeOutbound();
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            byte[] data = new byte[32];
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(pair.getPrivate());
            signer.update(data);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(pair.getPublic());
            verifier.update(data);
            if (!verifier.verify(signature)) {
                throw new GeneralSecurityException("a P-256 signature just made does not verify");
            }
            CertificateFactory.getInstance("X.509");
            CertPathValidator.getInstance("PKIX");
            LOG.info("TLS classes loaded ahead of the uplink in {} ms", (System.nanoTime() - started) / 1_000_000);
            return true;
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            LOG.info("TLS warm-up skipped: {}", e.toString());
            return false;
        }
    }
}
