package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every link in README.md and docs/*.md resolves: a relative Markdown link names a file that exists (and, with
 * {@code #anchor}, a heading of that file, slugged as GitHub does), and every repository path written in backticks
 * ({@code configs/...}, {@code docs/...}, {@code scripts/...}, {@code golden/...}) exists. Web links are not fetched
 * (no network here); their form is checked.
 */
class DocsLinksTest {
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern REPO_PATH = Pattern.compile("`((?:configs|docs|scripts|golden)/[A-Za-z0-9_./-]+)`");

    static Path root() {
        return Path.of(System.getProperty("chainfl.project.dir", "../..")).toAbsolutePath().normalize();
    }

    static List<Path> pages(Path root) {
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md")));
            pages.addAll(docs.filter(p -> p.toString().endsWith(".md")).sorted().toList());
            return pages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to dashes. */
    static String slug(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    static Set<String> anchors(Path page) throws IOException {
        return Files.readAllLines(page).stream().filter(l -> l.startsWith("#")).map(l -> slug(l.replaceFirst("^#+", "")))
                .collect(Collectors.toSet());
    }

    static List<String> brokenLinks(Path root) throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages(root)) {
            String text = Files.readString(page);
            String name = root.relativize(page).toString();
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                if (target.startsWith("http://") || target.startsWith("https://")) {
                    if (target.contains(" ")) {
                        broken.add(name + ": " + target + " (a space in a web link)");
                    }
                    continue;
                }
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(name + ": " + target + " (no such file)");
                } else if (anchor != null && resolved.toString().endsWith(".md") && !anchors(resolved).contains(anchor)) {
                    broken.add(name + ": " + target + " (no heading with that anchor)");
                }
            }
            Matcher p = REPO_PATH.matcher(text);
            while (p.find()) {
                String path = p.group(1).replaceAll("[.,;:]+$", "");
                if (!path.contains("*") && !Files.exists(root.resolve(path))) {
                    broken.add(name + ": `" + path + "` (no such file in the repository)");
                }
            }
        }
        return broken;
    }

    @Test
    void everyLinkAndRepositoryPathInTheDocsResolves() throws IOException {
        assertEquals(List.of(), brokenLinks(root()));
    }

    @Test
    void theCheckFindsABrokenLink(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/a.md"), "# Page A\n\n## Two words\n");
        Files.writeString(dir.resolve("README.md"), "[ok](docs/a.md#two-words) [bad](docs/b.md) [anchor](docs/a.md#three) `configs/none.yaml`\n");
        List<String> broken = brokenLinks(dir);
        assertEquals(3, broken.size(), broken.toString());
        assertTrue(broken.get(0).contains("docs/b.md (no such file)"), broken.toString());
        assertTrue(broken.get(1).contains("no heading with that anchor"), broken.toString());
        assertTrue(broken.get(2).contains("`configs/none.yaml`"), broken.toString());
    }
}
