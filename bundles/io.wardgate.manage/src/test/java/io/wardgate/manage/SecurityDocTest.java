package io.wardgate.manage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/security.md is the security case the hospital reads (#20, S22): every test it names must exist
 * (class and method, in some module's src/test/java), every requirement S1 to S22 of
 * shared/design/security-requirements.md must be the requirement of a control row that names a test,
 * and every threat must name a test. Whether a named test asserts its row's claim is a review; this
 * test keeps the names from rotting when tests are renamed or removed.
 */
class SecurityDocTest {
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern REFERENCE = Pattern.compile(
            "(?:([A-Z][A-Za-z0-9]*(?:Test|IT|Tests))(?:[#.]([a-zA-Z][A-Za-z0-9_]*)(\\.\\.\\.)?)?|#([a-zA-Z][A-Za-z0-9_]*)(\\.\\.\\.)?)");
    /** "Tests in ...: `XTest` unless another class is named" (the sentence may wrap after "unless"). */
    private static final Pattern DEFAULT_CLASS = Pattern.compile("`([A-Z][A-Za-z0-9]*Test)` unless\\b");
    private static final Pattern REQUIREMENTS = Pattern.compile("(?:[SR]\\d+)(?:, [SR]\\d+)*");

    private static List<String> doc;
    private static final Map<String, StringBuilder> TEST_SOURCES = new HashMap<>();

    @BeforeAll
    static void read() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isRegularFile(root.resolve("docs/security.md"))) {
            root = root.getParent();
        }
        assertThat(root).as("docs/security.md above " + Path.of("").toAbsolutePath()).isNotNull();
        doc = Files.readAllLines(root.resolve("docs/security.md"), StandardCharsets.UTF_8);
        for (String tree : List.of("bundles", "distrib", "hardware", "benchmarks")) {
            if (!Files.isDirectory(root.resolve(tree))) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root.resolve(tree))) {
                files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/test/java/"))
                        .forEach(SecurityDocTest::index);
            }
        }
    }

    private static void index(Path file) {
        String name = file.getFileName().toString().replace(".java", "");
        try {
            TEST_SOURCES.computeIfAbsent(name, n -> new StringBuilder()).append(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyTestTheDocumentNamesExists() {
        List<String> missing = new ArrayList<>();
        String sectionDefault = null;
        int references = 0;
        for (int i = 0; i < doc.size(); i++) {
            String line = doc.get(i);
            Matcher defaults = DEFAULT_CLASS.matcher(line);
            if (defaults.find()) {
                sectionDefault = defaults.group(1);
            }
            if (line.startsWith("## ")) {
                sectionDefault = null;
            }
            for (String cell : line.split("\\|")) {
                String current = sectionDefault;
                Matcher code = CODE.matcher(cell);
                while (code.find()) {
                    Matcher ref = REFERENCE.matcher(code.group(1));
                    if (!ref.matches()) {
                        continue;
                    }
                    references++;
                    String type = ref.group(1) != null ? ref.group(1) : current;
                    String method = ref.group(1) != null ? ref.group(2) : ref.group(4);
                    boolean prefix = ref.group(3) != null || ref.group(5) != null;
                    if (ref.group(1) != null) {
                        current = ref.group(1);
                    }
                    String where = "line " + (i + 1) + ": " + code.group(1);
                    if (type == null || !TEST_SOURCES.containsKey(type)) {
                        missing.add(where + " (no test class " + type + ")");
                    } else if (method != null && !Pattern.compile("\\b" + Pattern.quote(method)
                            + (prefix ? "[A-Za-z0-9_]*" : "") + "\\s*\\(").matcher(TEST_SOURCES.get(type)).find()) {
                        missing.add(where + " (no method " + method + " in " + type + ")");
                    }
                }
            }
        }
        assertThat(references).as("test references found").isGreaterThan(100);
        assertThat(missing).as("tests named in docs/security.md that do not exist").isEmpty();
    }

    @Test
    void everyRequirementIsTheRequirementOfAControlThatNamesATest() {
        TreeSet<String> covered = new TreeSet<>();
        for (String line : doc) {
            if (!line.startsWith("|") || !CODE.matcher(line).find()) {
                continue;
            }
            String[] cells = line.split("\\|");
            boolean namesTest = false;
            Matcher code = CODE.matcher(line);
            while (code.find()) {
                namesTest |= REFERENCE.matcher(code.group(1)).matches();
            }
            for (String cell : cells) {
                if (namesTest && REQUIREMENTS.matcher(cell.strip()).matches()) {
                    covered.addAll(List.of(cell.strip().split(", ")));
                }
            }
        }
        List<String> uncovered = new ArrayList<>();
        for (int s = 1; s <= 22; s++) {
            if (!covered.contains("S" + s)) {
                uncovered.add("S" + s);
            }
        }
        assertThat(uncovered).as("requirements without a control row naming a test").isEmpty();
    }

    @Test
    void everyThreatNamesATestOrSaysWhyNot() {
        int start = doc.indexOf("### Threats traced to tests (S22)");
        assertThat(start).isPositive();
        List<String> without = new ArrayList<>();
        int rows = 0;
        for (int i = start + 1; i < doc.size() && !doc.get(i).startsWith("## "); i++) {
            String line = doc.get(i);
            if (!line.startsWith("| ") || line.startsWith("| element") || line.startsWith("|---")) {
                continue;
            }
            rows++;
            boolean namesTest = false;
            Matcher code = CODE.matcher(line);
            while (code.find()) {
                namesTest |= REFERENCE.matcher(code.group(1)).matches();
            }
            if (!namesTest && !line.contains("no test:")) {
                without.add(line);
            }
        }
        assertThat(rows).isGreaterThan(20);
        assertThat(without).isEmpty();
    }
}
