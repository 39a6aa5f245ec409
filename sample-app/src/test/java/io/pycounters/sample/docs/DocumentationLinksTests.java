package io.pycounters.sample.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every relative link of README.md and docs/*.md leads to a file of this repository, and to a heading
 * of it where it names one; every page of docs/ is reachable from README.md.
 */
class DocumentationLinksTests {

    /** A Markdown link {@code [text](target)}; images and inline code aside, that is all the docs use. */
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");

    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*$");

    private final Path root = Path.of("").toAbsolutePath().getParent();

    @Test
    void everyRelativeLinkLeadsToAFileOfTheRepositoryAndToAHeadingItHas() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            for (String target : links(page)) {
                if (target.matches("^[a-z]+:.*")) {
                    continue; // https:, http://localhost, mailto: — not files of the repository
                }
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                String where = root.relativize(page) + ": (" + target + ")";
                if (!resolved.startsWith(root)) {
                    broken.add(where + " leaves the repository");
                }
                else if (!Files.exists(resolved)) {
                    broken.add(where + " names no file");
                }
                else if (anchor != null && resolved.toString().endsWith(".md") && !anchors(resolved).contains(anchor)) {
                    broken.add(where + " names no heading of " + root.relativize(resolved) + "; it has " + anchors(resolved));
                }
            }
        }
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void everyPageOfDocsIsLinkedFromTheReadme() throws IOException {
        Set<Path> linked = new TreeSet<>();
        for (String target : links(root.resolve("README.md"))) {
            linked.add(root.resolve(target.replaceAll("#.*", "")).normalize());
        }
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            assertThat(docs.filter(p -> p.toString().endsWith(".md")).toList())
                    .as("pages of docs/ that README.md links to").allMatch(linked::contains);
        }
    }

    private List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    private static List<String> links(Path page) throws IOException {
        List<String> links = new ArrayList<>();
        boolean code = false;
        for (String line : Files.readAllLines(page)) {
            if (line.startsWith("```")) {
                code = !code;
            }
            if (!code) {
                Matcher link = LINK.matcher(line.replaceAll("`[^`]*`", "``"));
                while (link.find()) {
                    links.add(link.group(1));
                }
            }
        }
        return links;
    }

    /** GitHub's anchors: the heading in lower case, without punctuation, spaces as hyphens. */
    private static Set<String> anchors(Path page) throws IOException {
        Set<String> anchors = new TreeSet<>();
        boolean code = false;
        for (String line : Files.readAllLines(page)) {
            if (line.startsWith("```")) {
                code = !code;
            }
            Matcher heading = HEADING.matcher(line);
            if (!code && heading.matches()) {
                anchors.add(heading.group(1).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }
}
