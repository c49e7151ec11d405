package io.chainfl.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small pieces of HTML for the report: escaping, tables, numbers, and charts inlined so the page needs no other file. */
final class Html {
    private static final Pattern ID = Pattern.compile("\\bid=\"([^\"]+)\"");

    private Html() {}

    static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A table; cells are HTML already (escape text with {@link #esc}). */
    static String table(String cssClass, List<String> header, List<List<String>> rows) {
        StringBuilder t = new StringBuilder("<table class=\"").append(cssClass).append("\">\n<thead><tr>");
        header.forEach(h -> t.append("<th>").append(h).append("</th>"));
        t.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            t.append("<tr>");
            row.forEach(cell -> t.append("<td>").append(cell).append("</td>"));
            t.append("</tr>\n");
        }
        return t.append("</tbody>\n</table>\n").toString();
    }

    /** A metric as written in the CSV, shown with 4 decimals when it is a fraction-like number. */
    static String number(String raw) {
        try {
            double v = Double.parseDouble(raw);
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                return String.format(Locale.ROOT, "%,d", (long) v);
            }
            return String.format(Locale.ROOT, "%.4f", v);
        } catch (NumberFormatException e) {
            return esc(raw);
        }
    }

    /** A metric such as accuracy: always 4 decimals. */
    static String fraction(String raw) {
        try {
            return String.format(Locale.ROOT, "%.4f", Double.parseDouble(raw));
        } catch (NumberFormatException e) {
            return esc(raw);
        }
    }

    static String swatch(String cssColour) {
        return "<span class=\"swatch\" style=\"background:" + cssColour + "\"></span>";
    }

    /**
     * An SVG file's markup for inlining. Every id (and every reference to it) gets the prefix, because all
     * inlined charts share one document and each chart numbers its clip paths from 0.
     */
    static String inlineSvg(Path file, String idPrefix) {
        String svg;
        try {
            svg = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        int start = svg.indexOf("<svg");
        if (start < 0) {
            return "<p class=\"warn\">" + esc(file.getFileName().toString()) + " is not an SVG image</p>";
        }
        svg = svg.substring(start);
        Matcher ids = ID.matcher(svg);
        List<String> found = ids.results().map(m -> m.group(1)).distinct().toList();
        for (String id : found) {
            svg = svg.replace("id=\"" + id + "\"", "id=\"" + idPrefix + id + "\"")
                    .replace("url(#" + id + ")", "url(#" + idPrefix + id + ")")
                    .replace("href=\"#" + id + "\"", "href=\"#" + idPrefix + id + "\"");
        }
        return svg;
    }

    /** A PNG as a data: URI, for charts written before SVG output existed. */
    static String inlinePng(Path file, String alt) {
        try {
            return "<img alt=\"" + esc(alt) + "\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(file)) + "\">";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#222;line-height:1.4}
            h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
            .sub{color:#666;margin-top:0}
            table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}table.data{display:block;overflow-x:auto;max-width:100%}
            th,td{border:1px solid #ddd;padding:.25rem .6rem;text-align:left;vertical-align:top}
            th{background:#f4f4f4}table.summary td:first-child{white-space:nowrap}
            tbody tr:nth-child(even){background:#fafafa}
            .swatch{display:inline-block;width:.9em;height:.9em;margin-right:.4em;vertical-align:middle;border-radius:2px}
            .pass{background:#d8f0dd;color:#0b5d1e;font-weight:bold}.fail{background:#f9d6d5;color:#8a1c1c;font-weight:bold}
            .badge{display:inline-block;padding:.1rem .6rem;border-radius:1rem;font-size:.9rem;margin-left:.5rem;vertical-align:middle}
            .warn{color:#8a5a00}
            figure{margin:1rem 0}figure svg,figure img{max-width:100%;height:auto;border:1px solid #eee}
            figcaption{color:#666;font-size:.85rem}
            pre{background:#f6f8fa;padding:.8rem;overflow:auto;font-size:.85rem}
            details summary{cursor:pointer;font-weight:bold}
            code{background:#f2f2f2;padding:0 .2rem}
            """;
}
