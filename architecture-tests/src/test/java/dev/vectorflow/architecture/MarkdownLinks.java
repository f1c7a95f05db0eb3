package dev.vectorflow.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the relative links of Markdown files the way GitHub resolves them: the target file (or directory) exists
 * inside the repository, and a {@code #anchor} names a heading of the target (GitHub's slugs: lower case, punctuation
 * dropped, spaces as hyphens, {@code -1}, {@code -2} for repeated headings) or an explicit {@code <a id/name>}.
 * Links with a scheme ({@code https:}, {@code mailto:}) and links inside code (fenced blocks, code spans) are not checked.
 */
final class MarkdownLinks {

    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
    private static final Pattern INLINE_LINK = Pattern.compile("!?\\[[^\\]]*]\\(\\s*(<[^>]*>|[^)\\s]+)(?:\\s+(?:\"[^\"]*\"|'[^']*'))?\\s*\\)");
    private static final Pattern REFERENCE_DEFINITION = Pattern.compile("^ {0,3}\\[[^\\]]+]:\\s*(<[^>]*>|\\S+)");
    private static final Pattern ATX_HEADING = Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?[ \\t]*$");
    private static final Pattern CLOSING_HASHES = Pattern.compile("(?:^|[ \\t]+)#+[ \\t]*$");
    private static final Pattern SETEXT_UNDERLINE = Pattern.compile("^ {0,3}(=+|-+)[ \\t]*$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s[^>]*?(?:id|name)\\s*=\\s*\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    private static final Pattern TEXT_LINK = Pattern.compile("!?\\[([^\\]]*)]\\([^)]*\\)");
    /** What GitHub keeps in a slug: letters, marks, digits, connector punctuation ({@code _}), spaces and hyphens. */
    private static final Pattern NOT_IN_SLUG = Pattern.compile("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]");

    private MarkdownLinks() {
    }

    /** One link as written: the line it is on and its target. */
    record Link(int line, String target) {
    }

    /**
     * Every broken relative link of {@code files} (each inside {@code root}), as {@code file:line: target: why}; empty
     * when all resolve.
     */
    static List<String> brokenLinks(Path root, List<Path> files) {
        Path top = root.toAbsolutePath().normalize();
        Map<Path, Set<String>> anchorsByFile = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            Path source = file.toAbsolutePath().normalize();
            String text = read(source);
            for (Link link : links(text)) {
                String why = check(top, source, link.target(), anchorsByFile);
                if (why != null) {
                    problems.add(top.relativize(source) + ":" + link.line() + ": " + link.target() + ": " + why);
                }
            }
        }
        return problems;
    }

    /** Why the link {@code target} in {@code source} does not resolve, or null when it does (or is not relative). */
    private static String check(Path root, Path source, String target, Map<Path, Set<String>> anchorsByFile) {
        if (SCHEME.matcher(target).find() || target.startsWith("//")) {
            return null;
        }
        int hash = target.indexOf('#');
        String pathPart = decode(hash < 0 ? target : target.substring(0, hash));
        String anchor = hash < 0 ? null : decode(target.substring(hash + 1));
        Path resolved;
        if (pathPart.isEmpty()) {
            resolved = source;
        } else if (pathPart.startsWith("/")) {
            resolved = root.resolve(pathPart.substring(1)).normalize();
        } else {
            resolved = source.getParent().resolve(pathPart).normalize();
        }
        if (!resolved.startsWith(root)) {
            return "points outside the repository";
        }
        if (!Files.exists(resolved)) {
            return "no such file " + root.relativize(resolved);
        }
        if (anchor == null || anchor.isEmpty()) {
            return null;
        }
        if (!Files.isRegularFile(resolved) || !resolved.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md")) {
            return "an anchor into a file that is not Markdown";
        }
        Set<String> anchors = anchorsByFile.computeIfAbsent(resolved, f -> anchors(read(f)));
        return anchors.contains(anchor) ? null : "no heading '#" + anchor + "' in " + root.relativize(resolved);
    }

    /** The links of a Markdown text outside code, with their line numbers (1-based). */
    static List<Link> links(String markdown) {
        List<Link> links = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        boolean[] code = fencedCode(lines);
        for (int i = 0; i < lines.length; i++) {
            if (code[i]) {
                continue;
            }
            String prose = withoutCodeSpans(lines[i]);
            Matcher definition = REFERENCE_DEFINITION.matcher(prose);
            if (definition.find()) {
                links.add(new Link(i + 1, unbracket(definition.group(1))));
            }
            Matcher inline = INLINE_LINK.matcher(prose);
            while (inline.find()) {
                links.add(new Link(i + 1, unbracket(inline.group(1))));
            }
        }
        return links;
    }

    /** Which lines belong to a fenced code block, its fences included (an unclosed block runs to the end). */
    private static boolean[] fencedCode(String[] lines) {
        boolean[] code = new boolean[lines.length];
        String fence = null;
        for (int i = 0; i < lines.length; i++) {
            Matcher f = FENCE.matcher(lines[i]);
            if (fence == null) {
                if (f.find()) {
                    fence = f.group(1);
                    code[i] = true;
                }
                continue;
            }
            code[i] = true;
            if (f.find() && f.group(1).charAt(0) == fence.charAt(0) && f.group(1).length() >= fence.length()
                    && lines[i].strip().equals(f.group(1))) {
                fence = null;
            }
        }
        return code;
    }

    /** The anchors a Markdown text offers: GitHub's slug of every heading outside code, and explicit HTML anchors. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        String[] lines = markdown.split("\n", -1);
        boolean[] code = fencedCode(lines);
        String previous = "";
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (code[i]) {
                previous = "";
                continue;
            }
            Matcher html = HTML_ANCHOR.matcher(line);
            while (html.find()) {
                anchors.add(html.group(1));
            }
            Matcher atx = ATX_HEADING.matcher(line);
            if (atx.matches()) {
                String text = atx.group(2) == null ? "" : CLOSING_HASHES.matcher(atx.group(2)).replaceFirst("");
                anchors.add(unique(slug(text), seen));
                previous = "";
                continue;
            }
            if (SETEXT_UNDERLINE.matcher(line).matches() && isParagraphLine(previous)) {
                anchors.add(unique(slug(previous.strip()), seen));
                previous = "";
                continue;
            }
            previous = line;
        }
        return anchors;
    }

    /** GitHub's anchor of a heading: its text without markup, lower case, punctuation dropped, spaces as hyphens. */
    static String slug(String heading) {
        String text = TEXT_LINK.matcher(heading).replaceAll("$1");
        text = text.replaceAll("<[^>]+>", "").replace("`", "").replace("*", "");
        text = text.strip().toLowerCase(Locale.ROOT);
        return NOT_IN_SLUG.matcher(text).replaceAll("").replace(' ', '-');
    }

    private static String unique(String slug, Map<String, Integer> seen) {
        Integer count = seen.get(slug);
        seen.put(slug, count == null ? 1 : count + 1);
        return count == null ? slug : slug + "-" + count;
    }

    private static boolean isParagraphLine(String line) {
        String s = line.strip();
        return !s.isEmpty() && !s.startsWith("|") && !s.startsWith(">") && !s.startsWith("- ") && !s.startsWith("* ")
                && !s.startsWith("+ ") && !s.matches("\\d+[.)] .*");
    }

    private static String withoutCodeSpans(String line) {
        Matcher m = CODE_SPAN.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(" ".repeat(m.group().length())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String unbracket(String target) {
        return target.startsWith("<") && target.endsWith(">") ? target.substring(1, target.length() - 1) : target;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
