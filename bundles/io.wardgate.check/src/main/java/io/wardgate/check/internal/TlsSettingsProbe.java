package io.wardgate.check.internal;

import io.wardgate.check.CheckResult;
import io.wardgate.check.Installation;
import io.wardgate.check.Probe;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * S2/S13: TLS 1.0/1.1 and SSLv3 are disabled in the JVM, and no configuration enables an old
 * protocol, a non-AEAD or weak suite, or turns hostname verification off.
 */
final class TlsSettingsProbe implements Probe {
    private static final Pattern OLD_PROTOCOL = Pattern.compile("(?i)\\b(SSLv2|SSLv3|TLSv1|TLSv1\\.1)\\b(?!\\.[23])");
    private static final Pattern WEAK_SUITE = Pattern.compile("(?i)(_CBC_|NULL|RC4|_anon_|EXPORT|3DES|_DES_|MD5)");

    @Override
    public String id() {
        return "tls-settings";
    }

    @Override
    public CheckResult run(Installation installation) {
        List<String> problems = new ArrayList<>();
        String disabled = String.valueOf(Security.getProperty("jdk.tls.disabledAlgorithms"));
        for (String protocol : List.of("SSLv3", "TLSv1", "TLSv1.1")) {
            if (!List.of(disabled.split("\\s*,\\s*")).contains(protocol)) {
                problems.add("the JVM does not disable " + protocol + " (jdk.tls.disabledAlgorithms)");
            }
        }
        for (ConfigFiles.Entry e : ConfigFiles.read(installation.conf())) {
            String key = e.key().toLowerCase(Locale.ROOT);
            String where = e.file().getFileName() + ": " + e.key();
            if (key.contains("protocol") && OLD_PROTOCOL.matcher(e.value()).find()) {
                problems.add(where + " enables an old protocol");
            } else if ((key.contains("cipher") || key.contains("suite")) && WEAK_SUITE.matcher(e.value()).find()) {
                problems.add(where + " enables a weak or non-AEAD suite");
            } else if (key.contains("hostname") && key.contains("verif") && e.value().equalsIgnoreCase("false")) {
                problems.add(where + " turns hostname verification off");
            }
        }
        return problems.isEmpty()
                ? CheckResult.pass(id(), "S2", "old protocols disabled in the JVM; no weak TLS setting in the configuration")
                : CheckResult.fail(id(), "S2", String.join("; ", Files2.firstFew(problems)));
    }
}
