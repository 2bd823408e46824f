package io.wardgate.tools;

import io.wardgate.manage.client.AdminClient;
import io.wardgate.manage.client.AdminKeys;
import io.wardgate.shared.tls.RevocationChecker;
import io.wardgate.shared.tls.RevocationSettings;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/** {@code wardgate admin}: signs one management request, sends it, prints progress and the verified reply. */
final class AdminCommand implements Command {
    static final int REFUSED = 3;
    static final int ERROR = 4;
    static final int TIMEOUT = 5;
    private static final int MAX_ARG_FILE_BYTES = 64 * 1024;

    private static final String HELP = """
            usage: wardgate admin [options] OPERATION [name=text | name:=JSON | name=@FILE ...]

            Signs OPERATION with the management key, sends it to one gateway over the broker and prints
            progress lines (stderr) and the gateway-signed reply as JSON (stdout). Exit code: 0 ok,
            3 refused, 4 error, 5 no reply in time, 2 bad usage, 1 connection or file problem.

            options (all required unless a default is shown):
              --broker URL              ssl://host:8883
              --site SITE --ward WARD   the gateway's topic levels
              --gateway ID              the gateway id (its certificate CN)
              --ca FILE                 PEM of the hospital CA(s): trusted for the broker's TLS certificate
                                        and for the gateways' reply signatures (include the CA that
                                        directly issues gateway certificates, intermediate or root)
              --tls-p12 FILE            this client's TLS key and certificate (CN wardgate-admin) ...
              --tls-password-file FILE  ... and the file holding its password (default: empty password)
              --tls-key FILE --tls-cert FILE   or: PEM PKCS#8 key and certificate chain instead of PKCS#12
              --key FILE                the management key: PEM PKCS#8 EC P-256, unencrypted (BEGIN
                                        PRIVATE KEY) or encrypted (BEGIN ENCRYPTED PRIVATE KEY) ...
              --key-password-file FILE  ... and the file holding its password; without it the password
                                        is asked on the terminal (never give a password as an argument)
              --key-cert FILE           its certificate or public key (PEM), as the gateways trust it
              --requester NAME          who asks, for the gateway's audit trail (default: $USER)
              --timeout SECONDS         wait for the reply (default 60)
              --lifetime SECONDS        how long the request stays valid (default 120)
              --revocation off          do not check the broker's certificates for revocation (on by
                                        default: the CRLs and OCSP responders they name); warns
              --upload FILE             first upload FILE in 256 KiB chunks; the request names it in
                                        its signed argument "upload" (id, size, SHA-256)

            arguments: name=text is text, name:=JSON any JSON value (integers, true/false, objects,
            lists), name=@FILE the text of FILE (at most 64 KiB).

            operations:
              status                                inventory: versions, bundles, devices, outbox,
                                                    certificates, uplink, alarms
              allowlist.approve device=ID group=G   let a pending device in
              allowlist.revoke device=ID reason=R   remove a device from the allowlist
              audit.fetch [limit:=N] [action=A]     the latest audit records (N at most 1000)
              config.list                           PIDs and factory instances with their names
              config.get pid=PID                    one configuration (passwords only set/unset)
              config.put changes:='{"PID":{"attr":value,...},...}'
                                                    validate all, apply together, roll all back if a
                                                    component fails; "********" keeps a password
              identity.csr                          start a key rotation; prints the CSR (PEM)
              identity.install chain=@CHAIN.pem     install the certificate chain IT's CA issued;
                                                    the gateway then reconnects with it
              update.install --upload PKG.dp        install a signed update package (see wardgate
                                                    release sign); refused/rolled back = exit 4
              update.status                         installed update version, start-time integrity
              restart                               restart the gateway service (2 s after the reply)
              (operations contributed by other bundles are named the same way)

            example:
              wardgate admin --broker ssl://mqtt.hospital:8883 --site st-marys --ward icu-3 \\
                --gateway wg-0001 --ca hospital-ca.pem --tls-p12 admin.p12 \\
                --tls-password-file admin.pass --key mgmt-key.pem --key-cert mgmt-cert.pem \\
                config.get pid=io.wardgate.uplink.Uplink
            """;

    @Override
    public String summary() {
        return "send a signed remote-management request to a gateway (see --help)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
            (args.isEmpty() ? err : out).print(HELP);
            return args.isEmpty() ? USAGE : OK;
        }
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, Object> requestArgs = new LinkedHashMap<>();
        String operation = null;
        try {
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.startsWith("--")) {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException("option " + arg + " needs a value");
                    }
                    options.put(arg.substring(2), args.get(++i));
                } else if (operation == null) {
                    operation = arg;
                } else {
                    argument(arg, requestArgs);
                }
            }
            if (operation == null) {
                throw new IllegalArgumentException("name an operation");
            }
            if (options.keySet().stream().anyMatch(name -> name.endsWith("password"))) {
                throw new IllegalArgumentException("passwords are never arguments: use --key-password-file or"
                        + " --tls-password-file");
            }
            if (!options.getOrDefault("revocation", "on").matches("on|off")) {
                throw new IllegalArgumentException("--revocation is on or off");
            }
            for (String required : List.of("broker", "site", "ward", "gateway", "ca", "key", "key-cert")) {
                if (!options.containsKey(required)) {
                    throw new IllegalArgumentException("option --" + required + " is required");
                }
            }
        } catch (IllegalArgumentException | IOException e) {
            err.println("wardgate admin: " + Printable.of(e.getMessage()));
            return USAGE;
        }
        if (options.getOrDefault("revocation", "on").equals("off")) {
            err.println("wardgate admin: WARNING: certificate revocation checking is off (--revocation off)");
        }
        try (AdminClient client = AdminClient.connect(settings(options), line -> err.println("# " + line))) {
            if (options.containsKey("upload")) {
                requestArgs.put("upload", client.upload(options.get("gateway"), Path.of(options.get("upload")))
                        .asArgument());
            }
            AdminClient.Reply reply = client.send(options.get("gateway"), operation, requestArgs);
            out.println(JsonValues.write(reply.payload()));
            return switch (reply.status()) {
                case "ok" -> OK;
                case "refused" -> REFUSED;
                default -> ERROR;
            };
        } catch (AdminClient.TimeoutException e) {
            err.println("wardgate admin: " + e.getMessage());
            return TIMEOUT;
        } catch (java.nio.file.NoSuchFileException e) {
            err.println("wardgate admin: no such file: " + Printable.of(String.valueOf(e.getMessage())));
            return FAILED;
        } catch (IOException | IllegalArgumentException e) {
            err.println("wardgate admin: " + Printable.of(String.valueOf(e.getMessage())));
            return FAILED;
        }
    }

    private static void argument(String arg, Map<String, Object> into) throws IOException {
        int json = arg.indexOf(":=");
        int eq = arg.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("arguments are name=value: " + arg);
        }
        if (json > 0 && json < eq) {
            into.put(arg.substring(0, json), JsonValues.parse(arg.substring(json + 2)));
        } else if (arg.startsWith("@", eq + 1)) {
            Path file = Path.of(arg.substring(eq + 2));
            if (Files.size(file) > MAX_ARG_FILE_BYTES) {
                throw new IllegalArgumentException(file + " is larger than " + MAX_ARG_FILE_BYTES + " bytes");
            }
            into.put(arg.substring(0, eq), Files.readString(file, StandardCharsets.UTF_8));
        } else {
            into.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
    }

    private static AdminClient.Settings settings(Map<String, String> options) throws IOException {
        List<X509Certificate> anchors = AdminKeys.certificates(Path.of(options.get("ca")));
        RevocationChecker revocation = options.getOrDefault("revocation", "on").equals("off") ? RevocationChecker.off()
                : new RevocationChecker(RevocationSettings.inMemory(), List.of(), Clock.systemUTC());
        SSLContext tls;
        if (options.containsKey("tls-p12")) {
            char[] password = options.containsKey("tls-password-file")
                    ? Files.readString(Path.of(options.get("tls-password-file")), StandardCharsets.UTF_8).strip()
                            .toCharArray()
                    : new char[0];
            tls = AdminKeys.tls(Path.of(options.get("tls-p12")), password, anchors, revocation);
        } else if (options.containsKey("tls-key") && options.containsKey("tls-cert")) {
            tls = AdminKeys.tls(Path.of(options.get("tls-key")), Path.of(options.get("tls-cert")), anchors, revocation);
        } else {
            throw new IllegalArgumentException("give --tls-p12, or --tls-key and --tls-cert");
        }
        String requester = options.getOrDefault("requester", System.getProperty("user.name", "it"));
        return new AdminClient.Settings(options.get("broker"), options.get("site"), options.get("ward"), tls,
                AdminKeys.privateKey(Path.of(options.get("key")), () -> keyPassword(options)),
                AdminKeys.publicKey(Path.of(options.get("key-cert"))),
                anchors, requester, Duration.ofSeconds(seconds(options, "timeout", 60)),
                Duration.ofSeconds(seconds(options, "lifetime", 120)));
    }

    /** The management key's password: first line of --key-password-file, else asked on the terminal (not echoed). */
    private static char[] keyPassword(Map<String, String> options) throws IOException {
        if (options.containsKey("key-password-file")) {
            Path file = Path.of(options.get("key-password-file"));
            if (Files.size(file) > 4096) {
                throw new IOException(file + " is larger than 4096 bytes: not a password file");
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            return (end < 0 ? text : text.substring(0, end)).strip().toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            throw new IOException("the management key is encrypted: give --key-password-file, or run on a terminal");
        }
        char[] typed = console.readPassword("password of the management key: ");
        if (typed == null) {
            throw new IOException("no password given");
        }
        return typed;
    }

    private static long seconds(Map<String, String> options, String name, long fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        if (!value.matches("[0-9]{1,5}") || Long.parseLong(value) < 1) {
            throw new IllegalArgumentException("--" + name + " takes 1 to 99999 seconds");
        }
        return Long.parseLong(value);
    }
}
