package io.wardgate.deb;

import io.wardgate.testkit.RequiredTools;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real .deb installed, upgraded (reinstalled over itself) and purged by dpkg into a temporary
 * root (dpkg --root --force-script-chrootless: the maintainer scripts run on this machine with
 * DPKG_ROOT set, and act below it; --force-depends because the temporary root has no Java). The
 * running system's users, systemd and firewall are not touched.
 */
class MaintainerScriptsTest {
    static final String DEB = System.getProperty("wardgate.deb");

    @Test
    void installKeepsOnUpgradeAndPurgeIsAFactoryReset(@TempDir Path root) throws Exception {
        RequiredTools.require("installing into a temporary root", "dpkg", "useradd", "usermod", "userdel", "groupadd", "shred");
        prepare(root);
        dpkg(root, "-i", DEB);

        // A system user in dialout and bluetooth, no login shell.
        String passwd = Files.readString(root.resolve("etc/passwd"));
        assertThat(passwd).containsPattern("(?m)^wardgate:x:\\d+:\\d+:[^:]*:/var/lib/wardgate:/usr/sbin/nologin$");
        String group = Files.readString(root.resolve("etc/group"));
        assertThat(group).containsPattern("(?m)^dialout:x:20:wardgate$").containsPattern("(?m)^bluetooth:x:112:wardgate$");
        int uid = Integer.parseInt(passwd.lines().filter(l -> l.startsWith("wardgate:")).findFirst().orElseThrow().split(":")[2]);

        // Private directories.
        for (String dir : List.of("var/lib/wardgate", "var/lib/wardgate/identity", "var/lib/wardgate/tmp",
                "var/lib/wardgate/framework", "etc/wardgate/conf", "var/log/wardgate")) {
            Path p = root.resolve(dir);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as(dir).isEqualTo("rwx------");
            assertThat(Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)).as(dir).isEqualTo(uid);
        }
        // /etc/wardgate itself is root's (what root acts on lives there), readable by the service's group.
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("etc/wardgate")))).isEqualTo("rwxr-x---");
        assertThat(Files.getAttribute(root.resolve("etc/wardgate"), "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(0);
        // A profile was applied: this machine is no Pi, so a generic one.
        assertThat(Files.readString(root.resolve("etc/wardgate/profile"))).startsWith("generic-");
        assertThat(Files.readString(root.resolve("etc/systemd/system/wardgate.service.d/10-profile.conf")))
                .contains("MemoryMax=").contains("WARDGATE_JAVA_OPTS=-Xmx40m");
        assertThat(root.resolve("etc/wardgate/firewall-site.nft")).exists();
        assertThat(root.resolve("etc/udev/rules.d/99-wardgate-serial.rules")).exists();

        // Data, keys and configuration of a running gateway...
        // (where the gateway keeps its identity: a PKCS#12 keystore and its password file, the service's).
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path key = root.resolve("var/lib/wardgate/identity/identity.p12");
        Files.writeString(key, "MARKER-KEY");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        Path pass = root.resolve("var/lib/wardgate/identity/identity.pass");
        Files.writeString(pass, "MARKER-PASS");
        String gid = passwd.lines().filter(l -> l.startsWith("wardgate:")).findFirst().orElseThrow().split(":")[3];
        RequiredTools.run("chown", uid + ":" + gid, key.toString(), pass.toString());
        Path conf = root.resolve("etc/wardgate/conf/io.wardgate.uplink.Broker.config");
        Files.writeString(conf, "host=\"broker.example\"\n");
        Path site = root.resolve("etc/wardgate/firewall-site.nft");
        Files.writeString(site, Files.readString(site) + "# site edit\n");
        Path outbox = root.resolve("var/lib/wardgate/outbox.db");
        Files.writeString(outbox, "MARKER-DATA");

        // ...survive an upgrade; the key file is made private on the way.
        dpkg(root, "-i", DEB);
        assertThat(Files.readString(key)).contains("MARKER-KEY");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(Files.readString(pass)).isEqualTo("MARKER-PASS");
        assertThat(Files.readString(conf)).contains("broker.example");
        assertThat(Files.readString(site)).endsWith("# site edit\n");
        assertThat(Files.readString(outbox)).isEqualTo("MARKER-DATA");

        // remove keeps them too.
        dpkg(root, "-r", "wardgate");
        assertThat(outbox).exists();
        assertThat(key).exists();

        // purge: factory reset (S14). No data, keys, configuration, logs, user or profile files left.
        dpkg(root, "-P", "wardgate");
        for (String gone : List.of("var/lib/wardgate", "etc/wardgate", "var/log/wardgate",
                "etc/systemd/system/wardgate.service.d", "etc/udev/rules.d/99-wardgate-serial.rules")) {
            assertThat(root.resolve(gone)).as(gone).doesNotExist();
        }
        assertThat(Files.readString(root.resolve("etc/passwd"))).doesNotContain("wardgate");
        assertThat(Files.readString(root.resolve("etc/group"))).doesNotContain("wardgate");
        try (var files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).filter(f -> !f.startsWith(root.resolve("var/lib/dpkg")))
                    .filter(f -> contains(f, "MARKER-")).toList()).as("files still holding old data or keys").isEmpty();
        }
    }

    private static boolean contains(Path file, String marker) {
        try {
            return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1).contains(marker);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void prepare(Path root) throws Exception {
        for (String d : List.of("etc", "var/lib/dpkg/info", "var/lib/dpkg/updates", "usr/sbin")) {
            Files.createDirectories(root.resolve(d));
        }
        Files.writeString(root.resolve("var/lib/dpkg/status"), "");
        Files.writeString(root.resolve("var/lib/dpkg/available"), "");
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        Files.writeString(root.resolve("etc/group"), "root:x:0:\ndialout:x:20:\nbluetooth:x:112:\n");
        Files.writeString(root.resolve("etc/shadow"), "root:*:19000:0:99999:7:::\n");
        Files.writeString(root.resolve("etc/gshadow"), "root:*::\ndialout:*::\nbluetooth:*::\n");
    }

    static void dpkg(Path root, String... args) throws Exception {
        String[] command = new String[args.length + 5];
        command[0] = "dpkg";
        command[1] = "--root=" + root;
        command[2] = "--force-script-chrootless";
        command[3] = "--force-depends";
        command[4] = "--force-not-root";
        System.arraycopy(args, 0, command, 5, args.length);
        RequiredTools.run(command);
    }
}
