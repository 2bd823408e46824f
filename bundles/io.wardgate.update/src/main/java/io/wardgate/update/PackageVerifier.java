package io.wardgate.update;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import org.osgi.framework.Version;

/**
 * Checks a signed deployment package (OSGi Compendium 114) before anything is installed: size
 * bounds, every entry signed by a trusted release key (JarFile verification: a changed entry fails
 * its digest), the entries are exactly the bundles the manifest names, and each is a bundle whose
 * own manifest agrees. Resource processors, fix packs and customizers are not supported: such a
 * package is refused.
 */
final class PackageVerifier {
    static final String DP_NAME = "DeploymentPackage-SymbolicName";
    static final String DP_VERSION = "DeploymentPackage-Version";
    private static final Pattern ENTRY = Pattern.compile("[A-Za-z0-9._-]{1,100}(/[A-Za-z0-9._-]{1,100}){0,3}");
    private static final Pattern SIGNATURE_FILE = Pattern.compile("META-INF/[A-Z0-9_-]{1,64}\\.(SF|EC|RSA|DSA)");
    private static final long MAX_META_BYTES = 1024 * 1024;
    private static final Pattern SYMBOLIC_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    /** Bounds on an external input; the defaults suit a gateway with a 64-96 MiB heap. */
    record Limits(long maxPackageBytes, long maxBundleBytes, int maxBundles) {
    }

    private final TrustedReleaseKeys trusted;
    private final Limits limits;

    PackageVerifier(TrustedReleaseKeys trusted, Limits limits) {
        this.trusted = trusted;
        this.limits = limits;
    }

    /** Verifies {@code file}, copying its bundles into {@code work} (created; left for the caller). */
    VerifiedPackage verify(Path file, Path work) throws Refused, IOException {
        long size = Files.size(file);
        if (size > limits.maxPackageBytes()) {
            throw new Refused("package is " + size + " bytes, more than the limit of " + limits.maxPackageBytes());
        }
        Files.createDirectories(work);
        precheck(file);
        try (JarFile jar = new JarFile(file.toFile(), true)) {
            Manifest manifest = jar.getManifest();
            if (manifest == null) {
                throw new Refused("not a deployment package: no manifest");
            }
            Attributes main = manifest.getMainAttributes();
            String name = main.getValue(DP_NAME);
            if (name == null || !SYMBOLIC_NAME.matcher(name).matches()) {
                throw new Refused("not a deployment package: no valid " + DP_NAME);
            }
            Version version = version(main.getValue(DP_VERSION), DP_VERSION);
            for (String unsupported : List.of("DeploymentPackage-FixPack", "DeploymentPackage-Customizer")) {
                if (main.getValue(unsupported) != null) {
                    throw new Refused(unsupported + " is not supported: send a complete package");
                }
            }
            Map<String, Attributes> declared = manifest.getEntries();
            if (declared.isEmpty() || declared.size() > limits.maxBundles()) {
                throw new Refused("a package holds 1 to " + limits.maxBundles() + " bundles, this one declares "
                        + declared.size());
            }
            Map<String, VerifiedPackage.Bundle> found = new LinkedHashMap<>();
            String signer = null;
            int index = 0;
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements();) {
                JarEntry entry = entries.nextElement();
                String path = entry.getName();
                if (entry.isDirectory() || path.equals(JarFile.MANIFEST_NAME)
                        || SIGNATURE_FILE.matcher(path.toUpperCase(Locale.ROOT)).matches()) {
                    continue;
                }
                if (path.startsWith("META-INF/") || !ENTRY.matcher(path).matches()) {
                    throw new Refused("unexpected entry " + printable(path));
                }
                Attributes section = declared.get(path);
                if (section == null) {
                    throw new Refused("entry " + printable(path) + " is not named in the manifest");
                }
                if (found.containsKey(path) || ++index > limits.maxBundles()) {
                    throw new Refused("too many or duplicate entries");
                }
                Path copy = work.resolve(String.format("%03d.jar", index));
                String sha256 = copy(jar, entry, copy);
                String entrySigner = trustedSigner(entry.getCodeSigners())
                        .orElseThrow(() -> new Refused(entry.getCodeSigners() == null
                                ? "entry " + printable(path) + " is not signed"
                                : "entry " + printable(path) + " is not signed by a trusted release key"));
                signer = signer == null ? entrySigner : signer;
                found.put(path, bundle(path, section, copy, sha256));
            }
            for (String path : declared.keySet()) {
                if (!found.containsKey(path)) {
                    throw new Refused("the manifest names " + printable(path) + " but the package does not hold it");
                }
            }
            return new VerifiedPackage(name, version, signer, List.copyOf(found.values()));
        } catch (SecurityException e) {
            // JarFile verification: an entry's digest or the signature file does not match.
            throw new Refused("signature check failed (tampered package): " + printable(String.valueOf(e.getMessage())));
        } catch (java.util.zip.ZipException e) {
            throw new Refused("not a readable jar: " + printable(String.valueOf(e.getMessage())));
        }
    }

    /**
     * Before JarFile reads the manifest and signature files into memory: bounded entry count and
     * declared sizes (the gateway's heap is small; a compressed manifest could expand enormously).
     */
    private void precheck(Path file) throws Refused, IOException {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            if (zip.size() > limits.maxBundles() + 16) {
                throw new Refused("package has " + zip.size() + " entries, more than " + limits.maxBundles() + " bundles need");
            }
            for (Enumeration<? extends java.util.zip.ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                java.util.zip.ZipEntry entry = e.nextElement();
                if (entry.getName().startsWith("META-INF/") && (entry.getSize() < 0 || entry.getSize() > MAX_META_BYTES)) {
                    throw new Refused("entry " + printable(entry.getName()) + " is larger than " + MAX_META_BYTES + " bytes");
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new Refused("not a readable jar: " + printable(String.valueOf(e.getMessage())));
        }
    }

    private String copy(JarFile jar, JarEntry entry, Path copy) throws IOException, Refused {
        MessageDigest digest = Digests.sha256();
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = jar.getInputStream(entry); OutputStream out = Files.newOutputStream(copy)) {
            for (int n; (n = in.read(buffer)) > 0;) {
                total += n;
                if (total > limits.maxBundleBytes()) {
                    throw new Refused("bundle " + printable(entry.getName()) + " is larger than "
                            + limits.maxBundleBytes() + " bytes");
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private Optional<String> trustedSigner(CodeSigner[] signers) {
        if (signers == null) {
            return Optional.empty();
        }
        for (CodeSigner signer : signers) {
            List<? extends Certificate> chain = signer.getSignerCertPath().getCertificates();
            if (!chain.isEmpty()) {
                Optional<String> name = trusted.nameOf(chain.get(0).getPublicKey());
                if (name.isPresent()) {
                    return name;
                }
            }
        }
        return Optional.empty();
    }

    private static VerifiedPackage.Bundle bundle(String path, Attributes section, Path copy, String sha256)
            throws Refused, IOException {
        String name = section.getValue("Bundle-SymbolicName");
        if (name == null) {
            throw new Refused("entry " + printable(path) + " is not declared as a bundle (resources are not supported)");
        }
        Version version = version(section.getValue("Bundle-Version"), "Bundle-Version of " + printable(path));
        Manifest own;
        try (JarInputStream in = new JarInputStream(Files.newInputStream(copy), false)) {
            own = in.getManifest();
        } catch (IOException | SecurityException e) {
            throw new Refused("entry " + printable(path) + " is not a jar");
        }
        if (own == null || !"2".equals(own.getMainAttributes().getValue("Bundle-ManifestVersion"))) {
            throw new Refused("entry " + printable(path) + " is not an OSGi bundle");
        }
        String ownName = symbolicName(own.getMainAttributes().getValue("Bundle-SymbolicName"));
        Version ownVersion = version(own.getMainAttributes().getValue("Bundle-Version"), "its Bundle-Version");
        if (!symbolicName(name).equals(ownName) || !version.equals(ownVersion)) {
            throw new Refused("entry " + printable(path) + " is " + printable(ownName) + " " + ownVersion
                    + " but the package manifest says " + printable(name) + " " + version);
        }
        boolean fragment = own.getMainAttributes().getValue("Fragment-Host") != null;
        return new VerifiedPackage.Bundle(ownName, version, fragment, copy, sha256);
    }

    private static String symbolicName(String header) throws Refused {
        String name = header == null ? "" : header.split(";", 2)[0].trim();
        if (!SYMBOLIC_NAME.matcher(name).matches()) {
            throw new Refused("invalid Bundle-SymbolicName " + printable(String.valueOf(header)));
        }
        return name;
    }

    private static Version version(String text, String what) throws Refused {
        if (text == null || text.isBlank()) {
            throw new Refused("missing " + what);
        }
        try {
            return Version.parseVersion(text == null ? "" : text.trim());
        } catch (IllegalArgumentException e) {
            throw new Refused("invalid " + what + ": " + printable(String.valueOf(text)));
        }
    }

    /** For reasons, logs and audit details: printable ASCII, at most 200 characters. */
    static String printable(String text) {
        String clean = text.replaceAll("[^\\x20-\\x7E]", "?");
        return clean.length() > 200 ? clean.substring(0, 200) + "..." : clean;
    }
}
