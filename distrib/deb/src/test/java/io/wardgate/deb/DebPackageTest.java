package io.wardgate.deb;

import io.wardgate.testkit.RequiredTools;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built .deb: control data, contents and modes, maintainer scripts, the hardened unit, lintian. */
class DebPackageTest {
    static final String DEB = System.getProperty("wardgate.deb");

    @Test
    void controlDataNamesTheRuntimeAndTheScripts() throws Exception {
        RequiredTools.require("inspecting the .deb", "dpkg-deb");
        String info = RequiredTools.run("dpkg-deb", "-I", DEB);
        assertThat(info).contains(" Package: wardgate").contains(" Architecture: all")
                .contains(" Depends: openjdk-17-jre-headless (>= 17.0.9) | java17-runtime-headless, passwd, nftables, unzip")
                .contains(" Recommends: bluez, chrony")
                .containsPattern(" Version: 0\\.1\\.0")
                .containsPattern("\\d+ bytes,\\s+\\d+ lines\\s+\\*\\s+postinst")
                .containsPattern("\\*\\s+prerm").containsPattern("\\*\\s+postrm")
                // A JDK update remakes the class-data sharing archive (docs/operations.md).
                .containsPattern("\\d+ bytes,\\s+\\d+ lines\\s+triggers");
        assertThat(RequiredTools.run("sh", "-c", "dpkg-deb -I '" + DEB + "' triggers")).contains("interest-noawait /usr/lib/jvm");
    }

    @Test
    void contentsAndModes() throws Exception {
        RequiredTools.require("inspecting the .deb", "dpkg-deb");
        String contents = RequiredTools.run("dpkg-deb", "-c", DEB);
        for (String expected : List.of(
                "-rw-r--r-- root/root .* ./usr/share/wardgate/wardgate.jar",
                "-rw-r--r-- root/root .* ./usr/share/wardgate/sbom.cdx.json",
                "-rw-r--r-- root/root .* ./usr/share/wardgate/tools/io.wardgate.tools.jar",
                "-rw-r--r-- root/root .* ./usr/share/wardgate/tools/lib/io.wardgate.check.jar",
                "-rw-r--r-- root/root .* ./usr/share/wardgate/tools/lib/io.wardgate.manage.jar",
                "-rw-r--r-- root/root .* ./usr/share/wardgate/tools/lib/io.wardgate.update.jar",
                "-rw-r--r-- root/root .* ./usr/share/wardgate/tools/lib/io.wardgate.wrapped.paho.mqttv5.jar",
                "-rw-r--r-- root/root .* ./usr/share/wardgate/hardware/common/wardgate.nft",
                "-rw-r--r-- root/root .* ./usr/share/wardgate/hardware/rpi4/profile.env",
                "-rw-r--r-- root/root .* ./usr/share/wardgate/hardware/rpi5/profile.env",
                "-rw-r--r-- root/root .* ./usr/share/wardgate/hardware/generic-x86_64/profile.env",
                "-rw-r--r-- root/root .* ./usr/share/wardgate/hardware/generic-arm64/profile.env",
                "-rwxr-xr-x root/root .* ./usr/sbin/wardgate-profile",
                "-rwxr-xr-x root/root .* ./usr/bin/wardgate",
                "-rwxr-xr-x root/root .* ./usr/lib/wardgate/wardgate-cds",
                "-rw-r--r-- root/root .* ./usr/share/wardgate/cds/wardgate.classlist",
                "-rw-r--r-- root/root .* ./lib/systemd/system/wardgate.service",
                "-rw-r--r-- root/root .* ./usr/share/doc/wardgate/changelog.gz")) {
            assertThat(contents).containsPattern(expected);
        }
        // Nothing writable by others, nothing setuid, no key material or keystore shipped (S1).
        assertThat(contents).doesNotContainPattern("(?m)^.......(.w.|..s|s..)").doesNotContainPattern("(?m)^...s")
                .doesNotContainPattern("\\.(p12|jks|key|pfx)$");
    }

    @Test
    void theUnitIsHardenedAndSystemdAcceptsIt(@TempDir Path dir) throws Exception {
        RequiredTools.require("checking the unit", "dpkg-deb", "systemd-analyze");
        RequiredTools.run("dpkg-deb", "-x", DEB, dir.toString());
        Path unit = dir.resolve("lib/systemd/system/wardgate.service");
        String text = Files.readString(unit);
        for (String line : List.of("User=wardgate", "NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=yes",
                "PrivateTmp=yes", "CapabilityBoundingSet=\n", "AmbientCapabilities=\n",
                "ReadWritePaths=/var/lib/wardgate /etc/wardgate/conf /var/log/wardgate\n",
                "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6\n", "SystemCallFilter=@system-service",
                "LockPersonality=yes", "ProtectKernelTunables=yes", "ProtectKernelModules=yes", "ProtectKernelLogs=yes",
                "ProtectControlGroups=yes", "RestrictNamespaces=yes", "RestrictSUIDSGID=yes", "UMask=0077", "MemoryMax=",
                "-Djava.io.tmpdir=/var/lib/wardgate/tmp", "-Dorg.sqlite.tmpdir=/var/lib/wardgate/tmp",
                "-Dlaunch.storage.dir=/var/lib/wardgate/framework", "-Dfelix.fileinstall.dir=/etc/wardgate/conf",
                "-jar /usr/share/wardgate/wardgate.jar", "StandardError=journal",
                "EnvironmentFile=-/var/cache/wardgate/cds.env\n", "ExecStart=/usr/bin/java $WARDGATE_JAVA_OPTS $WARDGATE_CDS \\\n")) {
            assertThat(text).as(line).contains(line);
        }
        // No second ReadWritePaths line may widen what the service can write.
        assertThat(text.lines().filter(l -> l.startsWith("ReadWritePaths="))).hasSize(1);

        RequiredTools.run("systemd-analyze", "verify", unit.toString());
        String security = RequiredTools.run("systemd-analyze", "security", "--offline=true", unit.toString());
        Matcher m = Pattern.compile("Overall exposure level for wardgate.service: (\\d+\\.\\d)").matcher(security);
        assertThat(m.find()).as(security).isTrue();
        // systemd rates 0-10; below 2.0 is its best band ("OK"). Measured 1.7 when written.
        assertThat(Double.parseDouble(m.group(1))).as(security).isLessThanOrEqualTo(2.0);
    }

    @Test
    void lintianFindsNoError() throws Exception {
        RequiredTools.require("lintian", "lintian");
        Process p = new ProcessBuilder("lintian", "--tag-display-limit", "0", DEB).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        // Warnings kept on purpose are explained in docs/install.md (no debhelper: systemctl in the
        // scripts; /etc/passwd read so the scripts also work below dpkg --root).
        assertThat(out).as(out).doesNotContainPattern("(?m)^E: ");
    }
}
