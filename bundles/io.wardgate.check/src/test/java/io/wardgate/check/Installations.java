package io.wardgate.check;

import io.wardgate.testkit.RequiredTools;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;

/**
 * Builds real installations in a temporary directory: directories, a PKCS#12 key made by keytool,
 * its certificate as PEM, configuration files, an SBOM; and a real nftables table in a network
 * namespace of its own.
 */
final class Installations {
    static final String KEYTOOL = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    private static final int NOBODY = 65534;

    private Installations() {
    }

    static Path dirs(Path root) throws IOException {
        for (String d : List.of("data", "data/identity", "data/framework", "conf", "conf/conf", "logs")) {
            Files.createDirectories(root.resolve(d));
            Files.setPosixFilePermissions(root.resolve(d), PosixFilePermissions.fromString("rwx------"));
        }
        return root;
    }

    /**
     * A key pair in a PKCS#12 store, its password in a .pass file beside it and its certificate as
     * PEM, in data/identity/ where the gateway keeps its identity (seal's IdentityStore).
     */
    static void key(Path root, String name, String password, int validityDays, String startDate) throws Exception {
        Path store = root.resolve("data/identity/" + name + ".p12");
        List<String> command = new java.util.ArrayList<>(List.of(KEYTOOL, "-genkeypair", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", password, "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + name, "-validity", Integer.toString(validityDays)));
        if (startDate != null) {
            command.addAll(List.of("-startdate", startDate));
        }
        RequiredTools.run(command.toArray(String[]::new));
        RequiredTools.run(KEYTOOL, "-exportcert", "-rfc", "-keystore", store.toString(), "-storepass", password,
                "-alias", name, "-file", root.resolve("data/identity/" + name + "-cert.pem").toString());
        write(root.resolve("data/identity/" + name + ".pass"), password + "\n", "rw-------");
        for (Path f : List.of(store, root.resolve("data/identity/" + name + "-cert.pem"))) {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        }
    }

    static String strongPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static void write(Path file, String text, String mode) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    }

    static void sbom(Path file) throws IOException {
        Files.writeString(file, "{\"bomFormat\" : \"CycloneDX\", \"specVersion\" : \"1.6\", \"components\" : ["
                + "{\"bom-ref\" : \"pkg:maven/io.wardgate/io.wardgate.api@0.1.0\", \"type\" : \"library\"}]}");
    }

    /** Hands the tree to an unprivileged owner, as the package does (only possible as root). */
    static void chownToService(Path root) throws IOException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.toList()) {
                Files.setAttribute(p, "unix:uid", NOBODY, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", NOBODY, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    static ServerSocket listen() throws IOException {
        return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    static Installation of(Path root, List<String> allowed, List<String> firewall) {
        return new Installation(root.resolve("data"), root.resolve("conf"), root.resolve("logs"),
                root.resolve("sbom.cdx.json"), OptionalLong.of(ProcessHandle.current().pid()), allowed, firewall,
                Path.of("/proc"), 30, Clock.systemUTC());
    }
}
