package io.wardgate.deb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A reason given in code, a unit file or a document often points to where it was measured or explained:
 * {@code docs/benchmarks-history.md, "Footprint, sixth pass"}. Every such reference must name the start of a
 * heading that exists in that document, so moving or renaming a section fails here instead of leaving the reader
 * at a dead end. Outside docs/ a reference says {@code docs/<name>.md}; inside docs/ the bare name is enough. The
 * quoted title may wrap onto the next comment line.
 */
class DocReferencesTest {
    private static final Path TOP = FirewallTest.HARDWARE.getParent();
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "target", "node_modules", ".mvn");
    /** Text a reference may sit in; names without a dot are scripts (wardgate, postinst, the Debian bin/). */
    private static final Pattern SOURCE = Pattern.compile(
            ".*\\.(java|sh|md|bndrun|service|env|xml|properties|txt|py|conf)|[^.]+");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} (.+)$");
    /** A line break inside the quoted title, with the comment marker that continues it. */
    private static final String WRAP = "\\n[ \\t]*(?:\\*|#|//)?[ \\t]*";
    private static final long MAX_BYTES = 2_000_000;

    record Reference(String document, String title, int line) {
    }

    @Test
    void everyQuotedSectionOfADocumentExists() throws IOException {
        Map<String, List<String>> headings = headings();
        assertThat(headings).containsKeys("benchmarks.md", "benchmarks-history.md", "operations.md", "security.md");
        List<String> broken = new ArrayList<>();
        int found = 0;
        for (Path file : sources()) {
            String text = read(file);
            if (text == null) {
                continue;
            }
            for (Reference reference : references(text, headings.keySet(), TOP.relativize(file).startsWith("docs"))) {
                found++;
                if (!exists(headings.get(reference.document()), reference.title())) {
                    broken.add(TOP.relativize(file) + ":" + reference.line() + ": " + reference.document() + ", \""
                            + reference.title() + "\"");
                }
            }
        }
        assertThat(found).as("references found (the pattern still matches the way they are written)").isGreaterThan(50);
        assertThat(broken).as("references to a section that does not exist (renamed or moved?)").isEmpty();
    }

    @Test
    void aWrappedReferenceIsReadWholeAndAMissingSectionIsFound() {
        String code = """
                    // as measured (docs/ops.md, "Start-up to the
                    // first reading"), and docs/ops.md "Gone"; not ops.md "Bare" nor shared/ops.md, "Elsewhere"
                    # as docs/ops.md,
                    # "Start-up to the first reading" says
                """;
        List<Reference> found = references(code, Set.of("ops.md"), false);
        assertThat(found).containsExactly(new Reference("ops.md", "Start-up to the first reading", 1),
                new Reference("ops.md", "Gone", 2), new Reference("ops.md", "Start-up to the first reading", 3));
        List<String> headings = List.of("Start-up to the first reading, fourth pass");
        assertThat(found.stream().filter(r -> !exists(headings, r.title())).map(Reference::title))
                .containsExactly("Gone");
        assertThat(references("see ops.md, \"Bare\"", Set.of("ops.md"), true)).extracting(Reference::title)
                .containsExactly("Bare");
    }

    /** The references to these documents (file names in docs/) in one file's text. */
    static List<Reference> references(String text, Collection<String> documents, boolean inDocs) {
        String names = documents.stream().map(Pattern::quote).collect(Collectors.joining("|"));
        Pattern reference = Pattern.compile("(docs/)?\\b(" + names + ")[,:]?(?:" + WRAP + "|[ \\t]*)"
                + "\\(?(?:section[ \\t]+)?\"([A-Z0-9](?:[^\"\\n;{}=]|" + WRAP + "){1,200}?)\"");
        List<Reference> found = new ArrayList<>();
        Matcher m = reference.matcher(text);
        while (m.find()) {
            boolean qualified = m.group(1) != null;
            boolean bareInDocs = inDocs && (m.start(2) == 0 || text.charAt(m.start(2) - 1) != '/');
            if (qualified || bareInDocs) {
                found.add(new Reference(m.group(2), m.group(3).replaceAll("\\s*" + WRAP, " ").strip(),
                        line(text, m.start())));
            }
        }
        return found;
    }

    /** A reference may give a heading's start ("Footprint" for "Footprint and start-up: what ships"). */
    static boolean exists(List<String> headings, String title) {
        return headings.stream().anyMatch(heading -> heading.startsWith(title));
    }

    private static Map<String, List<String>> headings() throws IOException {
        Map<String, List<String>> headings = new TreeMap<>();
        try (Stream<Path> docs = Files.list(TOP.resolve("docs"))) {
            for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).toList()) {
                Matcher m = HEADING.matcher(Files.readString(doc, StandardCharsets.UTF_8));
                List<String> titles = new ArrayList<>();
                while (m.find()) {
                    titles.add(m.group(1).strip());
                }
                headings.put(doc.getFileName().toString(), titles);
            }
        }
        return headings;
    }

    private static List<Path> sources() throws IOException {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(TOP, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                boolean skipped = !dir.equals(TOP) && SKIPPED_DIRECTORIES.contains(dir.getFileName().toString());
                return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && attrs.size() <= MAX_BYTES
                        && SOURCE.matcher(file.getFileName().toString()).matches()) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return files;
    }

    /** The file's text, or null when it is not UTF-8 (a binary whose name matches). */
    private static String read(Path file) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int line(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
