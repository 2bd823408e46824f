import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The class list of the application class-data sharing archive (docs/operations.md, "Class-data sharing").
 * A single-file program, run by the build with `java CdsClassList.java` (the JRE on a gateway has no javac,
 * and the build needs no module for it).
 *
 * <pre>
 * list  NAMES WARDGATE_JAR OUT   the JDK's class list (-XX:SharedClassListFile) for this jar's bundles
 * names CLASS_LOAD_LOG WARDGATE_JAR OUT   NAMES from -Xlog:class+load=debug of a configured run
 * coverage NAMES CLASS_LOAD_LOG WARDGATE_JAR PERCENT   fails if NAMES holds less of that run's classes
 * </pre>
 *
 * NAMES (src/cds/classes.txt, checked in) has one class a line: "java/lang/Object" for a class of the JDK or
 * of the launcher's class path, "org/apache/felix/scr/impl/Activator org.apache.felix.scr" for a class a
 * bundle defines (the bundle's jar name inside wardgate.jar, without its version, so a version bump keeps it).
 * A bundle class becomes an "unregistered" entry: JDK 17 archives it from its jar and, at run time, hands it
 * to the bundle's class loader when the bytes that loader defines have the same size and CRC. The JDK wants
 * its super class and interfaces by id, so they are read here from the class file; the source is written as
 * {@code @BUNDLES@/<jar file name>}, the directory the root-run dump (wardgate-cds) extracts the jars into.
 * A name no longer found is dropped and counted: a stale list costs speed, never correctness.
 */
public final class CdsClassList {
    private static final Pattern VERSION = Pattern.compile("-\\d[^/]*\\.jar$");

    public static void main(String[] args) throws IOException {
        try {
            run(args);
        } catch (IllegalArgumentException e) {
            System.err.println("cds class list: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(String[] args) throws IOException {
        if (args.length == 4 && args[0].equals("list")) {
            Bundles bundles = Bundles.read(Path.of(args[2]));
            Result result = list(Files.readAllLines(Path.of(args[1])), bundles);
            Files.writeString(Path.of(args[3]), String.join("\n", result.lines()) + "\n");
            System.out.printf("cds class list: %d classes of the JDK and the launcher, %d of bundles; dropped %d names"
                    + " no longer found, %d whose super class or interfaces were not found%n",
                    result.builtin(), result.bundle(), result.unknown(), result.unresolved());
        } else if (args.length == 4 && args[0].equals("names")) {
            Bundles bundles = Bundles.read(Path.of(args[2]));
            List<String> names = names(Files.readAllLines(Path.of(args[1])), bundles);
            Files.writeString(Path.of(args[3]), "# Classes of the CDS archive: distrib/appliance/cds-classes.sh writes this file.\n"
                    + String.join("\n", names) + "\n");
            System.out.printf("cds names: %d classes%n", names.size());
        } else if (args.length == 5 && args[0].equals("coverage")) {
            Set<String> listed = new HashSet<>();
            for (String line : Files.readAllLines(Path.of(args[1]))) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    listed.add(line.strip().split("\\s+")[0]);
                }
            }
            List<String> loaded = names(Files.readAllLines(Path.of(args[2])), Bundles.read(Path.of(args[3])));
            long covered = loaded.stream().filter(l -> listed.contains(l.split(" ")[0])).count();
            double percent = loaded.isEmpty() ? 0 : 100.0 * covered / loaded.size();
            System.out.printf("cds coverage: the list holds %d of the %d archivable classes of this run (%.1f %%)%n",
                    covered, loaded.size(), percent);
            if (percent < Double.parseDouble(args[4])) {
                System.err.printf("cds coverage below %s %%: remake the list with distrib/appliance/cds-classes.sh%n", args[4]);
                System.exit(1);
            }
        } else {
            System.err.println("usage: java CdsClassList.java list NAMES WARDGATE_JAR OUT | names CLASS_LOAD_LOG WARDGATE_JAR OUT"
                    + " | coverage NAMES CLASS_LOAD_LOG WARDGATE_JAR PERCENT");
            System.exit(2);
        }
    }

    /** A class list line count per kind, and the lines. */
    record Result(List<String> lines, int builtin, int bundle, int unknown, int unresolved) {
    }

    /** The bundle jars inside wardgate.jar (jar/*.jar): file name to class entries, and the launcher's own classes. */
    record Bundles(Map<String, Map<String, byte[]>> jars, Set<String> launcher) {
        static Bundles read(Path wardgateJar) throws IOException {
            Map<String, Map<String, byte[]>> jars = new TreeMap<>();
            Set<String> launcher = new HashSet<>();
            try (ZipInputStream outer = new ZipInputStream(Files.newInputStream(wardgateJar))) {
                for (ZipEntry e; (e = outer.getNextEntry()) != null; ) {
                    String n = e.getName();
                    if (n.startsWith("jar/") && n.endsWith(".jar") && n.indexOf('/', 4) < 0) {
                        jars.put(n.substring(4), classes(new ZipInputStream(outer)));
                    } else if (n.endsWith(".class")) {
                        launcher.add(n.substring(0, n.length() - 6));
                    }
                }
            }
            return new Bundles(jars, launcher);
        }

        private static Map<String, byte[]> classes(ZipInputStream in) throws IOException {
            Map<String, byte[]> classes = new HashMap<>();
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/")) {
                    classes.put(e.getName().substring(0, e.getName().length() - 6), in.readAllBytes());
                }
            }
            return classes; // not closed: closing would close the outer stream
        }

        /** The jar whose name without version is this key, or null. */
        String jar(String key) {
            for (String j : jars.keySet()) {
                if (key(j).equals(key)) {
                    return j;
                }
            }
            return null;
        }
    }

    static String key(String jarFileName) {
        Matcher m = VERSION.matcher(jarFileName);
        return m.find() ? jarFileName.substring(0, m.start()) : jarFileName.substring(0, jarFileName.length() - 4);
    }

    /** The JDK-format class list: builtin entries first, then bundle classes after their supers. */
    static Result list(List<String> names, Bundles bundles) {
        Generator g = new Generator(bundles);
        int unknown = 0;
        List<String[]> wanted = new ArrayList<>();
        for (String line : names) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] parts = l.split("\\s+");
            if (parts.length == 1) {
                if (g.builtinExists(parts[0])) {
                    g.builtinId(parts[0]);
                } else {
                    unknown++;
                }
            } else {
                String jar = bundles.jar(parts[1]);
                if (jar == null || !bundles.jars().get(jar).containsKey(parts[0])) {
                    unknown++;
                } else {
                    g.named.putIfAbsent(parts[0], jar);
                    wanted.add(new String[] {parts[0], jar});
                }
            }
        }
        int unresolved = 0;
        for (String[] w : wanted) {
            if (g.bundleId(w[0], w[1]) < 0) {
                unresolved++;
            }
        }
        List<String> lines = new ArrayList<>(g.builtinLines);
        lines.addAll(g.bundleLines);
        return new Result(lines, g.builtinLines.size(), g.bundleLines.size(), unknown, unresolved);
    }

    private static final class Generator {
        final Bundles bundles;
        final Map<String, Integer> builtin = new HashMap<>();
        final Map<String, Integer> bundle = new HashMap<>(); // by name: the JDK refuses a name twice
        final Map<String, String> named = new HashMap<>(); // name -> the jar the list names for it
        final Set<String> failed = new HashSet<>();
        final Set<String> inProgress = new HashSet<>();
        final List<String> builtinLines = new ArrayList<>();
        final List<String> bundleLines = new ArrayList<>();
        int next;

        Generator(Bundles bundles) {
            this.bundles = bundles;
        }

        boolean builtinExists(String name) {
            return bundles.launcher().contains(name) || ClassLoader.getPlatformClassLoader().getResource(name + ".class") != null;
        }

        int builtinId(String name) {
            return builtin.computeIfAbsent(name, n -> {
                builtinLines.add(n + " id: " + next);
                return next++;
            });
        }

        /** The id of this bundle class (emitting it and what it extends first), or -1 if it cannot be archived. */
        int bundleId(String name, String jar) {
            Integer id = bundle.get(name);
            if (id != null) {
                return id;
            }
            if (failed.contains(name) || !inProgress.add(name)) {
                return -1;
            }
            try {
                ClassFile cf = ClassFile.parse(bundles.jars().get(jar).get(name), name + " in " + jar);
                List<Integer> refs = new ArrayList<>();
                for (String ref : cf.supers()) {
                    int r = resolve(ref, jar);
                    if (r < 0) {
                        failed.add(name);
                        return -1;
                    }
                    refs.add(r);
                }
                StringBuilder line = new StringBuilder(name).append(" id: ").append(next);
                if (cf.superName() != null) {
                    line.append(" super: ").append(refs.get(0));
                }
                if (!cf.interfaces().isEmpty()) {
                    line.append(" interfaces:");
                    for (int i = 1; i < refs.size(); i++) {
                        line.append(' ').append(refs.get(i));
                    }
                }
                line.append(" source: @BUNDLES@/").append(jar);
                bundleLines.add(line.toString());
                bundle.put(name, next);
                return next++;
            } finally {
                inProgress.remove(name);
            }
        }

        /** A super class or interface: the same bundle's, the JDK's, the one the list names, any bundle's. */
        private int resolve(String ref, String jar) {
            if (bundle.containsKey(ref)) {
                return bundle.get(ref);
            }
            if (bundles.jars().get(jar).containsKey(ref)) {
                return bundleId(ref, jar);
            }
            if (ClassLoader.getPlatformClassLoader().getResource(ref + ".class") != null) {
                return builtinId(ref);
            }
            if (named.containsKey(ref)) {
                return bundleId(ref, named.get(ref));
            }
            for (Map.Entry<String, Map<String, byte[]>> j : bundles.jars().entrySet()) {
                if (j.getValue().containsKey(ref)) {
                    return bundleId(ref, j.getKey());
                }
            }
            return -1;
        }
    }

    /** What the class list needs of a class file: its name, super class and interfaces. */
    record ClassFile(String name, String superName, List<String> interfaces) {
        List<String> supers() {
            List<String> all = new ArrayList<>();
            if (superName != null) {
                all.add(superName);
            }
            all.addAll(interfaces);
            return all;
        }

        /** Parses the constant pool and the header after it; anything out of bounds or of the wrong kind is rejected. */
        static ClassFile parse(byte[] bytes, String what) {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
                if (in.readInt() != 0xCAFEBABE) {
                    throw new IllegalArgumentException("malformed class file " + what + ": no 0xCAFEBABE");
                }
                in.readUnsignedShort();
                in.readUnsignedShort();
                int count = in.readUnsignedShort();
                String[] utf8 = new String[count];
                int[] classIndex = new int[count];
                for (int i = 1; i < count; i++) {
                    int tag = in.readUnsignedByte();
                    switch (tag) {
                        case 1 -> utf8[i] = in.readUTF();
                        case 7 -> classIndex[i] = in.readUnsignedShort();
                        case 8, 16, 19, 20 -> in.skipNBytes(2);
                        case 15 -> in.skipNBytes(3);
                        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                        case 5, 6 -> {
                            in.skipNBytes(8);
                            i++;
                        }
                        default -> throw new IllegalArgumentException("malformed class file " + what
                                + ": constant pool entry " + i + " has unknown tag " + tag);
                    }
                }
                in.readUnsignedShort(); // access flags
                String name = className(in.readUnsignedShort(), utf8, classIndex, what);
                int superIndex = in.readUnsignedShort();
                String superName = superIndex == 0 ? null : className(superIndex, utf8, classIndex, what);
                int n = in.readUnsignedShort();
                List<String> interfaces = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    interfaces.add(className(in.readUnsignedShort(), utf8, classIndex, what));
                }
                return new ClassFile(name, superName, List.copyOf(interfaces));
            } catch (IOException e) {
                throw new IllegalArgumentException("malformed class file " + what + ": truncated (" + e + ")", e);
            }
        }

        private static String className(int index, String[] utf8, int[] classIndex, String what) {
            if (index <= 0 || index >= classIndex.length || classIndex[index] <= 0 || classIndex[index] >= utf8.length
                    || utf8[classIndex[index]] == null) {
                throw new IllegalArgumentException("malformed class file " + what + ": " + index + " is no class constant");
            }
            return utf8[classIndex[index]];
        }
    }

    private static final Pattern LOAD = Pattern.compile("\\[class,load\\] (\\S+) source: (.*)$");
    private static final Pattern DETAIL = Pattern.compile("loader: \\[[^]]*(?:'bootstrap'|'([^']+)'\\{)[^]]*\\](?: bytes: (\\d+))?");

    /**
     * NAMES from a -Xlog:class+load=debug log: the JDK's and the launcher's classes by name; classes Felix's
     * bundle loaders or bnd's launcher loader defined from a jar inside wardgate.jar, with that jar's key.
     * Hidden classes, lambdas, proxies, reflection accessors and classes from elsewhere (a benchmark's
     * own bundles) are left out: the archive cannot hold them.
     */
    static List<String> names(List<String> log, Bundles bundles) {
        Set<String> out = new TreeSet<>();
        for (int i = 0; i < log.size(); i++) {
            Matcher m = LOAD.matcher(log.get(i));
            if (!m.find()) {
                continue;
            }
            String name = m.group(1).replace('.', '/');
            String source = m.group(2);
            Matcher d = i + 1 < log.size() ? DETAIL.matcher(log.get(i + 1)) : null;
            if (d == null || !d.find() || name.contains("/0x") || name.contains("$$Lambda")) {
                continue;
            }
            String loader = d.group(1);
            boolean fromFile = source.equals("shared objects file") || source.startsWith("jrt:/") || source.startsWith("file:")
                    || source.startsWith("jar:");
            if (!fromFile) {
                continue;
            }
            if (loader == null || loader.startsWith("jdk/internal/loader/ClassLoaders$")) {
                out.add(name);
            } else if (loader.equals("org/apache/felix/framework/BundleWiringImpl$BundleClassLoader")
                    || loader.equals("aQute/launcher/pre/EmbeddedLauncher$Loader")) {
                String jar = source.startsWith("jar:jar/") ? source.substring(8) : null;
                if (jar == null || !bundles.jars().containsKey(jar) || !bundles.jars().get(jar).containsKey(name)) {
                    jar = bySize(bundles, name, d.group(2) == null ? -1 : Integer.parseInt(d.group(2)));
                }
                if (jar != null) {
                    out.add(name + " " + key(jar));
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** bnd's launcher defines the framework from temporary copies of its jars: found by entry name and size. */
    private static String bySize(Bundles bundles, String name, int size) {
        for (Map.Entry<String, Map<String, byte[]>> j : bundles.jars().entrySet()) {
            byte[] b = j.getValue().get(name);
            if (b != null && b.length == size) {
                return j.getKey();
            }
        }
        return null;
    }
}
