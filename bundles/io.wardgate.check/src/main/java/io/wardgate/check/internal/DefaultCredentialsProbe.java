package io.wardgate.check.internal;

import io.wardgate.check.CheckResult;
import io.wardgate.check.Installation;
import io.wardgate.check.Probe;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * S3: no secret in the configuration is a well-known default, and no keystore opens with one.
 * Only the setting's name and file are reported, never the value.
 */
final class DefaultCredentialsProbe implements Probe {
    static final Set<String> DEFAULTS = Set.of("", "admin", "administrator", "password", "passw0rd", "changeit",
            "changeme", "secret", "default", "root", "toor", "123456", "12345678", "1234", "wardgate", "kura",
            "eurotech", "guest", "test", "pass");
    private static final long MAX_FILE = 1 << 22;

    @Override
    public String id() {
        return "default-credentials";
    }

    @Override
    public CheckResult run(Installation installation) {
        List<String> problems = new ArrayList<>();
        for (ConfigFiles.Entry e : ConfigFiles.read(installation.conf())) {
            String key = e.key().toLowerCase(Locale.ROOT);
            boolean secret = key.contains("password") || key.contains("passwd") || key.contains("secret")
                    || key.contains("passphrase") || key.endsWith(".pin") || key.contains("token");
            // An empty value means "not set" (setting it is first-time setup's job).
            if (secret && !e.value().isEmpty() && DEFAULTS.contains(e.value().toLowerCase(Locale.ROOT))) {
                problems.add(e.file().getFileName() + ": " + e.key() + " is a well-known default");
            }
        }
        int keystores = 0;
        for (Path file : Stream.concat(Files2.walk(installation.keys(), 4).stream(),
                Files2.walk(installation.conf(), 4).stream()).distinct().toList()) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if ((name.endsWith(".p12") || name.endsWith(".pfx") || name.endsWith(".jks"))
                    && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                keystores++;
                if (opensWithDefault(file)) {
                    problems.add("keystore " + file.getFileName() + " opens with a well-known default password");
                }
            }
        }
        return problems.isEmpty()
                ? CheckResult.pass(id(), "S3", "no default secret in the configuration; " + keystores
                        + " keystore(s) refuse default passwords")
                : CheckResult.fail(id(), "S3", String.join("; ", Files2.firstFew(problems)));
    }

    private static boolean opensWithDefault(Path file) {
        try {
            if (Files.size(file) > MAX_FILE) {
                return false;
            }
            byte[] bytes = Files.readAllBytes(file);
            for (String candidate : DEFAULTS) {
                for (String type : List.of("PKCS12", "JKS")) {
                    try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
                        KeyStore store = KeyStore.getInstance(type);
                        store.load(in, candidate.toCharArray());
                        // PKCS#12 without integrity protection loads with any password: only a
                        // store whose keys open with the candidate counts.
                        if (keysOpen(store, candidate)) {
                            return true;
                        }
                    } catch (Exception wrongPassword) {
                        // expected for a good keystore
                    }
                }
            }
        } catch (Exception e) {
            return false;
        }
        return false;
    }

    private static boolean keysOpen(KeyStore store, String candidate) throws Exception {
        boolean anyKey = false;
        for (String alias : java.util.Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                anyKey = true;
                try {
                    store.getKey(alias, candidate.toCharArray());
                } catch (Exception e) {
                    return false;
                }
            }
        }
        return anyKey || store.size() > 0;
    }
}
