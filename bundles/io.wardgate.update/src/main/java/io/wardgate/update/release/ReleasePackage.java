package io.wardgate.update.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPath;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPrivateKey;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import jdk.security.jarsigner.JarSigner;

/**
 * Builds a deployment package (OSGi Compendium 114: DeploymentPackage-SymbolicName and -Version,
 * one manifest section per bundle) from bundle jars and signs it as a JAR with the release key,
 * through the JDK's jdk.security.jarsigner API (SHA-256 digests, SHA256withECDSA).
 */
public final class ReleasePackage {
    private static final java.util.regex.Pattern VERSION = java.util.regex.Pattern.compile(
            "\\d{1,9}(\\.\\d{1,9}(\\.\\d{1,9}(\\.[A-Za-z0-9_-]{1,64})?)?)?");
    /** The package name the appliance accepts by default. */
    public static final String APPLIANCE = "io.wardgate.appliance";

    /** A release key: EC P-256 private key and its certificate chain, from a PKCS#12 file. */
    public record Key(PrivateKey privateKey, CertPath certificates) {
    }

    private ReleasePackage() {
    }

    public static Key loadKey(Path pkcs12, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pkcs12)) {
            store.load(in, password);
        }
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                PrivateKey key = (PrivateKey) store.getKey(alias, password);
                if (!(key instanceof ECPrivateKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
                    throw new GeneralSecurityException("the release key must be EC P-256");
                }
                Certificate[] chain = store.getCertificateChain(alias);
                return new Key(key, CertificateFactory.getInstance("X.509").generateCertPath(Arrays.asList(chain)));
            }
        }
        throw new GeneralSecurityException("no private key in " + pkcs12.getFileName());
    }

    /** Writes the signed package for {@code bundles} (in that order) to {@code out}. */
    public static void build(String name, String version, List<Path> bundles, Key key, Path out)
            throws IOException, GeneralSecurityException {
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("not an OSGi version (major.minor.micro[.qualifier]): " + version);
        }
        Path unsigned = Files.createTempFile(out.toAbsolutePath().getParent(), ".unsigned-", ".dp");
        try {
            Manifest manifest = new Manifest();
            Attributes main = manifest.getMainAttributes();
            main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
            main.putValue("DeploymentPackage-SymbolicName", name);
            main.putValue("DeploymentPackage-Version", version);
            for (Path bundle : bundles) {
                Attributes own = bundleHeaders(bundle);
                Attributes section = new Attributes();
                section.putValue("Bundle-SymbolicName", own.getValue("Bundle-SymbolicName").split(";", 2)[0].trim());
                section.putValue("Bundle-Version", own.getValue("Bundle-Version").trim());
                manifest.getEntries().put(entryName(own), section);
            }
            try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(unsigned), manifest)) {
                for (Path bundle : bundles) {
                    jar.putNextEntry(new ZipEntry(entryName(bundleHeaders(bundle))));
                    Files.copy(bundle, jar);
                    jar.closeEntry();
                }
            }
            sign(unsigned, key, out);
        } finally {
            Files.deleteIfExists(unsigned);
        }
    }

    /** Signs an existing jar as it is (the tests use this to sign packages a builder would refuse). */
    public static void sign(Path jar, Key key, Path out) throws IOException, GeneralSecurityException {
        JarSigner signer = new JarSigner.Builder(key.privateKey(), key.certificates())
                .digestAlgorithm("SHA-256")
                .signatureAlgorithm("SHA256withECDSA")
                .signerName("RELEASE")
                .build();
        try (ZipFile zip = new ZipFile(jar.toFile()); OutputStream signed = Files.newOutputStream(out)) {
            signer.sign(zip, signed);
        }
    }

    private static String entryName(Attributes headers) {
        return "bundles/" + headers.getValue("Bundle-SymbolicName").split(";", 2)[0].trim() + "-"
                + headers.getValue("Bundle-Version").trim() + ".jar";
    }

    private static Attributes bundleHeaders(Path bundle) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(bundle), false)) {
            Manifest manifest = in.getManifest();
            if (manifest == null || manifest.getMainAttributes().getValue("Bundle-SymbolicName") == null
                    || manifest.getMainAttributes().getValue("Bundle-Version") == null) {
                throw new IOException(bundle.getFileName() + " is not an OSGi bundle (no symbolic name or version)");
            }
            return manifest.getMainAttributes();
        }
    }
}
