package io.wardgate.deb;

import io.wardgate.testkit.RequiredTools;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding 1 of the security review: what root acts on (the applied profile's name, the site
 * firewall, the profiles themselves, the unit's drop-in) is not writable by the service user, and
 * a profile name is checked before anything is sourced. The .deb is installed by dpkg into a
 * temporary root (see {@link MaintainerScriptsTest}); writes are then tried for real as the
 * service user's uid and gid (setpriv), not inferred from modes.
 */
class ServiceUserCannotReachRootTest {
    static final String DEB = System.getProperty("wardgate.deb");

    @Test
    void theServiceUserCanWriteItsOwnDirectoriesButNothingRootActsOn(@TempDir Path root) throws Exception {
        int[] ids = install(root);

        for (String writable : List.of("etc/wardgate/conf", "var/lib/wardgate", "var/log/wardgate")) {
            assertThat(canCreateIn(root.resolve(writable), ids)).as("the service writes " + writable).isTrue();
        }
        for (String dir : List.of("etc/wardgate", "usr/share/wardgate/hardware", "usr/share/wardgate/hardware/common",
                "usr/share/wardgate/hardware/generic-x86_64", "etc/systemd/system/wardgate.service.d")) {
            assertThat(canCreateIn(root.resolve(dir), ids)).as("the service creates files in " + dir).isFalse();
        }
        for (String file : List.of("etc/wardgate/profile", "etc/wardgate/firewall-site.nft",
                "etc/systemd/system/wardgate.service.d/10-profile.conf", "usr/sbin/wardgate-profile")) {
            assertThat(canAppendTo(root.resolve(file), ids)).as("the service writes " + file).isFalse();
            assertThat(Files.getAttribute(root.resolve(file), "unix:uid", LinkOption.NOFOLLOW_LINKS)).as(file).isEqualTo(0);
        }
        // The service still reads what it needs below /etc/wardgate (operator-placed trust anchors).
        assertThat(run(ids, "test -x " + root.resolve("etc/wardgate"))).isZero();
    }

    @Test
    void anUpgradeTakesBackWhatAnOlderInstallationLeftWritable(@TempDir Path root) throws Exception {
        int[] ids = install(root);
        // As an older package left it: /etc/wardgate owned by the service, which swapped its
        // private directory for a link to a root-owned one and set a hostile profile name.
        Path etc = root.resolve("etc/wardgate");
        chown(etc, ids);
        Path evil = Files.createDirectories(root.resolve("evil"));
        Files.writeString(etc.resolve("profile"), root.resolve("usr/share/wardgate/hardware").relativize(evil) + "\n");
        chown(etc.resolve("profile"), ids);
        Path marker = root.resolve("sourced-as-root");
        Files.writeString(evil.resolve("profile.env"), "touch '" + marker + "'\nWARDGATE_MEMORY_MAX=1G\n");
        Path rootOwned = Files.createDirectories(root.resolve("root-only"));
        Path identity = root.resolve("var/lib/wardgate/identity");
        deleteTree(identity);
        Files.createSymbolicLink(identity, rootOwned);

        MaintainerScriptsTest.dpkg(root, "-i", DEB);

        assertThat(marker).as("a profile name with ../ was sourced by root").doesNotExist();
        assertThat(Files.readString(etc.resolve("profile")).strip()).matches("generic-[a-z0-9_]+");
        assertThat(Files.getAttribute(etc, "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(0);
        assertThat(canAppendTo(etc.resolve("profile"), ids)).isFalse();
        assertThat(Files.getAttribute(rootOwned, "unix:uid", LinkOption.NOFOLLOW_LINKS)).as("chown followed a link").isEqualTo(0);
        assertThat(Files.isSymbolicLink(identity)).isFalse();
        assertThat(Files.isDirectory(identity)).isTrue();
    }

    @Test
    void theProfileToolRefusesNamesThatAreNotShippedProfiles(@TempDir Path root) throws Exception {
        RequiredTools.require("wardgate-profile", "bash");
        Path hardware = Files.createDirectories(root.resolve("share")).resolve("hardware");
        RequiredTools.run("cp", "-r", System.getProperty("wardgate.hardware"), hardware.toString());
        Path marker = root.resolve("sourced");
        for (Path outside : List.of(root.resolve("share/evil"), root.resolve("evil"))) {
            Files.createDirectories(outside);
            Files.writeString(outside.resolve("profile.env"), "touch '" + marker + "'\n");
        }
        for (String name : List.of("../evil", "../../evil", "rpi4/../../evil", "-rpi4", "rpi4;id", "RPI4", "rpi4 ",
                "common", "test", "", "a".repeat(65))) {
            ProcessBuilder pb = new ProcessBuilder(hardware.resolve("wardgate-profile").toString(), "apply", name);
            pb.environment().put("WARDGATE_ROOT", root.toString());
            pb.environment().put("WARDGATE_SHARE", hardware.toString());
            pb.redirectErrorStream(true);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = p.waitFor();
            if (name.isEmpty()) {
                // The empty name means "the detected profile": allowed, and a shipped one.
                assertThat(code).as(out).isZero();
                continue;
            }
            assertThat(code).as("apply '" + name + "': " + out).isEqualTo(2);
            assertThat(out).contains("not a shipped profile");
        }
        assertThat(marker).doesNotExist();
    }

    /** Installs the .deb into {@code root} and returns the service user's uid and gid. */
    static int[] install(Path root) throws Exception {
        RequiredTools.require("installing into a temporary root", "dpkg", "useradd", "setpriv", "sh");
        MaintainerScriptsTest.prepare(root);
        // The service user must be able to reach the tree, or every write would fail for the wrong reason.
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        MaintainerScriptsTest.dpkg(root, "-i", DEB);
        return serviceIds(root);
    }

    static int[] serviceIds(Path root) throws Exception {
        String line = Files.readString(root.resolve("etc/passwd")).lines().filter(l -> l.startsWith("wardgate:"))
                .findFirst().orElseThrow();
        String[] f = line.split(":");
        return new int[] {Integer.parseInt(f[2]), Integer.parseInt(f[3])};
    }

    static boolean canCreateIn(Path dir, int[] ids) throws Exception {
        Path probe = dir.resolve(".probe-" + System.nanoTime());
        boolean created = run(ids, ": > '" + probe + "'") == 0;
        Files.deleteIfExists(probe);
        return created;
    }

    static boolean canAppendTo(Path file, int[] ids) throws Exception {
        return run(ids, ": >> '" + file + "'") == 0 || canCreateIn(file.getParent(), ids);
    }

    static int run(int[] ids, String script) throws Exception {
        Process p = new ProcessBuilder("setpriv", "--reuid=" + ids[0], "--regid=" + ids[1], "--clear-groups", "sh", "-c",
                script).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    static void chown(Path path, int[] ids) throws Exception {
        RequiredTools.run("chown", "-h", ids[0] + ":" + ids[1], path.toString());
    }

    static void deleteTree(Path dir) throws Exception {
        RequiredTools.run("rm", "-rf", dir.toString());
    }
}
