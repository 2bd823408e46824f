package io.wardgate.deb;

import io.wardgate.testkit.RequiredTools;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data sharing archive (docs/operations.md, "Class-data sharing"): the class-list generator
 * (distrib/appliance/src/cds/CdsClassList.java, run as the build runs it), and the shipped wardgate-cds with
 * the real JDK and the real wardgate.jar from the .deb, whose archive a start of the appliance then maps.
 */
class ClassDataSharingTest {
    static final String DEB = System.getProperty("wardgate.deb");
    static final Path TOP = FirewallTest.HARDWARE.getParent();
    static final Path GENERATOR = TOP.resolve("distrib/appliance/src/cds/CdsClassList.java");
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @Test
    void theGeneratorReadsSuperClassesAndInterfacesFromTheBundlesClassFiles(@TempDir Path dir) throws Exception {
        Path wardgate = wardgateJar(dir, Map.of("small-1.2.3.jar", compile(Map.of(
                "p.I", "package p; public interface I {}",
                "p.J", "package p; public interface J extends I {}",
                "p.B", "package p; public class B implements I {}",
                "p.A", "package p; public class A extends B implements J, Runnable { public void run() {} }"))));
        Path names = Files.writeString(dir.resolve("classes.txt"), String.join("\n",
                "# comment", "java/lang/Object", "java/lang/NoSuchClass", "p/A small", "p/Gone small", "p/B elsewhere", ""));
        Run run = generator(dir, "list", names.toString(), wardgate.toString(), dir.resolve("out.classlist").toString());

        assertThat(run.code()).as(run.output()).isZero();
        assertThat(run.output()).contains("dropped 3 names no longer found");
        Map<String, String> lines = Files.readAllLines(dir.resolve("out.classlist")).stream()
                .collect(Collectors.toMap(l -> l.split(" ")[0], l -> l));
        assertThat(lines).containsOnlyKeys("java/lang/Object", "java/lang/Runnable", "p/I", "p/J", "p/B", "p/A");
        assertThat(lines.get("p/I")).matches("p/I id: \\d+ super: " + id(lines, "java/lang/Object") + " source: @BUNDLES@/small-1.2.3.jar");
        assertThat(lines.get("p/J")).endsWith(" super: " + id(lines, "java/lang/Object") + " interfaces: " + id(lines, "p/I")
                + " source: @BUNDLES@/small-1.2.3.jar");
        assertThat(lines.get("p/A")).endsWith(" super: " + id(lines, "p/B") + " interfaces: " + id(lines, "p/J") + " "
                + id(lines, "java/lang/Runnable") + " source: @BUNDLES@/small-1.2.3.jar");
        // The JDK reads the list in order: what a class extends comes first.
        List<String> order = Files.readAllLines(dir.resolve("out.classlist")).stream().map(l -> l.split(" ")[0]).toList();
        assertThat(order.indexOf("p/B")).isLessThan(order.indexOf("p/A"));
        assertThat(order.indexOf("p/J")).isLessThan(order.indexOf("p/A"));
    }

    @Test
    void aMalformedClassFileIsRejectedWithItsName(@TempDir Path dir) throws Exception {
        byte[] good = compile(Map.of("p.A", "package p; public class A {}")).get("p/A");
        byte[] truncated = java.util.Arrays.copyOf(good, 12);
        byte[] wrongMagic = good.clone();
        wrongMagic[0] = 0;
        for (byte[] bad : List.of(truncated, wrongMagic)) {
            Path wardgate = wardgateJar(dir, Map.of("small-1.0.jar", Map.of("p/A", bad)));
            Path names = Files.writeString(dir.resolve("classes.txt"), "p/A small\n");
            Run run = generator(dir, "list", names.toString(), wardgate.toString(), dir.resolve("out.classlist").toString());
            assertThat(run.code()).as(run.output()).isEqualTo(1);
            assertThat(run.output()).contains("cds class list: malformed class file p/A in small-1.0.jar").doesNotContain("\tat ");
        }
    }

    @Test
    void theShippedScriptMakesARootOwnedArchiveThatTheApplianceMaps(@TempDir Path root) throws Exception {
        RequiredTools.require("the class-data sharing archive", "unzip", "setpriv", "sh");
        int[] ids = ServiceUserCannotReachRootTest.install(root);
        // Below DPKG_ROOT the postinst makes no archive (the target's JDK is not this one).
        Path cache = root.resolve("var/cache/wardgate");
        assertThat(cache.resolve("cds.env")).doesNotExist();

        Run made = cds(root, Map.of());
        assertThat(made.code()).as(made.output()).isZero();
        assertThat(made.output()).contains("wardgate-cds: class-data sharing archive").doesNotContain("WARNING");
        for (Path p : List.of(cache, cache.resolve("wardgate.jsa"), cache.resolve("cds.env"))) {
            assertThat(Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)).as(p.toString()).isEqualTo(0);
            assertThat(Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS)).as(p.toString()).isEqualTo(0);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)))
                    .as(p.toString()).isEqualTo(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--");
        }
        assertThat(Files.readString(cache.resolve("cds.env")))
                .isEqualTo("WARDGATE_CDS=-XX:SharedArchiveFile=/var/cache/wardgate/wardgate.jsa -Xlog:cds\n");
        try (var left = Files.list(cache)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrder("wardgate.jsa", "cds.env");
        }

        // A start of the appliance with the unit's options maps the bundles' classes from the archive.
        Path jar = root.resolve("usr/share/wardgate/wardgate.jar");
        Path classList = root.resolve("usr/share/wardgate/cds/wardgate.classlist");
        List<String> with = start(root, jar, "-XX:SharedArchiveFile=" + cache.resolve("wardgate.jsa"));
        long shared = sharedApplicationClasses(with);
        assertThat(shared).as("io.wardgate.* and org.apache.felix.* classes from the archive").isGreaterThan(500);
        List<String> without = start(root, jar, null);
        assertThat(sharedApplicationClasses(without)).isZero();

        // The shipped list still covers what a start loads, by the generator's own check (`cds-classes.sh
        // check` runs it on a configured gateway; no configured start is cheap here, so an unconfigured one).
        Path startLog = Files.write(root.resolve("class-load.log"), without);
        Run coverage = generator(root, "coverage", classList.toString(), startLog.toString(), jar.toString(), "80");
        assertThat(coverage.code()).as("the class list covers less than 80 %% of a start; remake it with"
                + " distrib/appliance/cds-classes.sh:%n%s", coverage.output()).isZero();
        assertThat(coverage.output()).containsPattern("the list holds \\d+ of the \\d+ archivable classes");

        // The service user can map the archive, never write it or the directory.
        assertThat(ServiceUserCannotReachRootTest.run(ids, "test -r " + cache.resolve("wardgate.jsa"))).isZero();
        assertThat(ServiceUserCannotReachRootTest.canCreateIn(cache, ids)).isFalse();
        assertThat(ServiceUserCannotReachRootTest.canAppendTo(cache.resolve("wardgate.jsa"), ids)).isFalse();
        assertThat(ServiceUserCannotReachRootTest.canAppendTo(cache.resolve("cds.env"), ids)).isFalse();

        // A dump that fails removes both files, warns once and does not fail (an install goes on).
        Run failed = cds(root, Map.of("WARDGATE_CDS_JAVA", "/bin/false"));
        assertThat(failed.code()).isZero();
        assertThat(failed.output()).contains("wardgate-cds: WARNING: no class-data sharing archive (java -Xshare:dump failed)");
        assertThat(cache.resolve("cds.env")).doesNotExist();
        assertThat(cache.resolve("wardgate.jsa")).doesNotExist();

        // purge removes the cache.
        made = cds(root, Map.of());
        assertThat(cache.resolve("cds.env")).as(made.output()).exists();
        MaintainerScriptsTest.dpkg(root, "-P", "wardgate");
        assertThat(cache).doesNotExist();
    }

    @Test
    void aDirectoryTheServiceUserPreparedIsTakenBackAndItsLinksNotFollowed(@TempDir Path root) throws Exception {
        RequiredTools.require("the class-data sharing archive", "unzip", "setpriv", "sh");
        int[] ids = ServiceUserCannotReachRootTest.install(root);
        Path cache = Files.createDirectories(root.resolve("var/cache/wardgate"));
        Path victim = Files.writeString(root.resolve("root-file"), "ROOT\n");
        Files.createSymbolicLink(cache.resolve("wardgate.jsa.new"), victim);
        Files.createSymbolicLink(cache.resolve("cds.env.new"), victim);
        RequiredTools.run("chown", "-hR", ids[0] + ":" + ids[1], cache.toString());
        RequiredTools.run("chmod", "0777", cache.toString());

        Run made = cds(root, Map.of());

        assertThat(made.code()).as(made.output()).isZero();
        assertThat(Files.readString(victim)).isEqualTo("ROOT\n");
        assertThat(Files.getAttribute(cache, "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(0);
        assertThat(ServiceUserCannotReachRootTest.canCreateIn(cache, ids)).isFalse();
        assertThat(Files.isSymbolicLink(cache.resolve("wardgate.jsa"))).isFalse();
        assertThat(Files.getAttribute(cache.resolve("wardgate.jsa"), "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(0);
    }

    @Test
    void aPackageThatChangesAJdkTriggersTheArchiveAgain(@TempDir Path root) throws Exception {
        RequiredTools.require("the class-data sharing archive", "dpkg-deb", "sh");
        ServiceUserCannotReachRootTest.install(root);
        Path cache = Files.createDirectories(root.resolve("var/cache/wardgate"));
        Path env = Files.writeString(cache.resolve("cds.env"), "WARDGATE_CDS=-XX:SharedArchiveFile=/var/cache/wardgate/wardgate.jsa\n");
        // A stand-in for a JDK update: a package with a file below /usr/lib/jvm. dpkg runs a trigger only for a
        // package whose dependencies hold, so it also provides what the temporary root lacks.
        Path jdk = Files.createDirectories(root.resolve("build/fake-jdk"));
        Files.createDirectories(jdk.resolve("DEBIAN"));
        Files.writeString(jdk.resolve("DEBIAN/control"), "Package: fake-jdk\nVersion: 1\nArchitecture: all\n"
                + "Provides: java17-runtime-headless, passwd, nftables, unzip\n"
                + "Maintainer: test <test@wardgate.invalid>\nDescription: test\n");
        Files.createDirectories(jdk.resolve("usr/lib/jvm/fake"));
        Files.writeString(jdk.resolve("usr/lib/jvm/fake/release"), "JAVA_VERSION=\"17\"\n");
        Path deb = root.resolve("build/fake-jdk.deb");
        RequiredTools.run("dpkg-deb", "--root-owner-group", "--build", jdk.toString(), deb.toString());

        ProcessBuilder pb = new ProcessBuilder("dpkg", "--root=" + root, "--force-script-chrootless", "--force-depends",
                "--force-not-root", "-i", deb.toString());
        Run installed = run(pb);

        assertThat(installed.code()).as(installed.output()).isZero();
        assertThat(installed.output()).contains("Processing triggers for wardgate");
        // postinst triggered: below DPKG_ROOT it makes no archive, and drops the one for the old JDK.
        assertThat(installed.output()).contains("class-data sharing archive not made below DPKG_ROOT");
        assertThat(env).doesNotExist();
    }

    private static final Pattern LOADED = Pattern.compile("\\[class,load\\] (\\S+) source: (.*)$");

    private static long sharedApplicationClasses(List<String> log) {
        return log.stream().map(LOADED::matcher).filter(Matcher::find)
                .filter(m -> m.group(2).equals("shared objects file"))
                .filter(m -> m.group(1).startsWith("io.wardgate.") || m.group(1).startsWith("org.apache.felix.")).count();
    }

    /** Starts the installed jar unconfigured with the unit's options until "WardGate ready"; its class-load log. */
    private static List<String> start(Path root, Path jar, String archive) throws Exception {
        Path work = Files.createTempDirectory(root, "start");
        Files.createDirectories(work.resolve("data/tmp"));
        Files.createDirectories(work.resolve("conf"));
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(List.of(JvmOptionsTest.unitOptions().split("\\s+")));
        if (archive != null) {
            command.add(archive);
        }
        Path log = work.resolve("class-load.log");
        command.addAll(List.of("-Xlog:class+load=debug:file=" + log, "-Dlaunch.storage.dir=" + work.resolve("data/framework"),
                "-Dwardgate.data=" + work.resolve("data"), "-Dfelix.fileinstall.dir=" + work.resolve("conf"),
                "-Djava.io.tmpdir=" + work.resolve("data/tmp"), "-Dorg.sqlite.tmpdir=" + work.resolve("data/tmp"),
                "-Djna.tmpdir=" + work.resolve("data/tmp"), "-jar", jar.toString()));
        Path out = work.resolve("out.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (!Files.readString(out).contains("WardGate ready")) {
                assertThat(p.isAlive()).as(Files.readString(out)).isTrue();
                assertThat(Instant.now()).as("no \"WardGate ready\" within 60 s:\n" + Files.readString(out)).isBefore(deadline);
                p.waitFor(50, TimeUnit.MILLISECONDS);
            }
        } finally {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        return Files.readAllLines(log);
    }

    record Run(int code, String output) {
    }

    private static Run cds(Path root, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", root.resolve("usr/lib/wardgate/wardgate-cds").toString());
        pb.environment().put("WARDGATE_ROOT", root.toString());
        pb.environment().put("WARDGATE_CDS_JAVA", JAVA);
        pb.environment().putAll(env);
        return run(pb);
    }

    private static Run generator(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(JAVA, GENERATOR.toString()));
        command.addAll(List.of(args));
        return run(new ProcessBuilder(command).directory(dir.toFile()));
    }

    private static Run run(ProcessBuilder pb) throws Exception {
        Process p = pb.redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    private static String id(Map<String, String> lines, String name) {
        Matcher m = Pattern.compile(" id: (\\d+)").matcher(lines.get(name));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** A wardgate.jar as the export makes it: the bundles as jar/NAME.jar entries. */
    private static Path wardgateJar(Path dir, Map<String, Map<String, byte[]>> bundles) throws IOException {
        Path jar = dir.resolve("wardgate.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (var bundle : bundles.entrySet()) {
                out.putNextEntry(new JarEntry("jar/" + bundle.getKey()));
                ByteArrayOutputStream inner = new ByteArrayOutputStream();
                try (JarOutputStream in = new JarOutputStream(inner)) {
                    for (var c : bundle.getValue().entrySet()) {
                        in.putNextEntry(new JarEntry(c.getKey() + ".class"));
                        in.write(c.getValue());
                    }
                }
                out.write(inner.toByteArray());
            }
        }
        return jar;
    }

    /** Compiles sources in memory (the real javac): binary name with slashes to class bytes. */
    private static Map<String, byte[]> compile(Map<String, String> sources) {
        Map<String, ByteArrayOutputStream> classes = new HashMap<>();
        var javac = ToolProvider.getSystemJavaCompiler();
        var files = new javax.tools.ForwardingJavaFileManager<>(javac.getStandardFileManager(null, null, null)) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String name, JavaFileObject.Kind kind,
                    javax.tools.FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + name.replace('.', '/') + ".class"), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return classes.computeIfAbsent(name.replace('.', '/'), n -> new ByteArrayOutputStream());
                    }
                };
            }
        };
        List<JavaFileObject> units = sources.entrySet().stream().<JavaFileObject>map(e -> new SimpleJavaFileObject(
                URI.create("string:///" + e.getKey().replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return e.getValue();
            }
        }).toList();
        assertThat(javac.getTask(null, files, null, List.of("--release", "17"), null, units).call()).isTrue();
        Map<String, byte[]> out = new HashMap<>();
        classes.forEach((name, bytes) -> out.put(name, bytes.toByteArray()));
        return out;
    }
}
