package io.chainfl.reports;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Composite;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.GraphicsConfiguration;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.geom.PathIterator;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Map;

/**
 * A Graphics2D that records what JFreeChart draws as SVG: shapes become {@code <path>}, strings {@code <text>}.
 *
 * <p>Why our own instead of a library: JFreeSVG is GPLv3, and Apache Batik's SVGGraphics2D pulls in about a
 * dozen jars (DOM, CSS, XML APIs) for what charts need, which is paths, text, strokes, colours and clips. Shapes
 * are written in device coordinates (the current transform applied to their points); text keeps a transform
 * attribute when it is rotated (the vertical axis label). Font metrics come from an offscreen image, so the
 * layout is the one the PNG gets. Output is deterministic: same chart, same bytes (ids come from a counter).
 * Images are not supported (charts here draw none); {@link #drawImage} draws nothing.
 */
final class SvgGraphics2D extends ShapeGraphics2D {
    private static final Graphics2D METRICS = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB).createGraphics();

    /** Shared by every copy made with {@link #create()}: one document, one clip-id counter. */
    private static final class Document {
        final StringBuilder defs = new StringBuilder();
        final StringBuilder body = new StringBuilder();
        int nextClipId;
    }

    private final Document doc;
    private final int width;
    private final int height;
    private AffineTransform transform = new AffineTransform();
    private Paint paint = Color.BLACK;
    private Color background = Color.WHITE;
    private Stroke stroke = new BasicStroke(1f);
    private Font font = new Font("SansSerif", Font.PLAIN, 12);
    private Composite composite = AlphaComposite.SrcOver;
    private final RenderingHints hints = new RenderingHints(null);
    /** In device coordinates; null means no clip. */
    private Shape clip;
    private String clipId;

    SvgGraphics2D(int width, int height) {
        this(new Document(), width, height);
    }

    private SvgGraphics2D(Document doc, int width, int height) {
        this.doc = doc;
        this.width = width;
        this.height = height;
    }

    /** The complete SVG document drawn so far. */
    String toSvg() {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height + "\" viewBox=\"0 0 "
                + width + " " + height + "\" font-family=\"sans-serif\">\n"
                + (doc.defs.isEmpty() ? "" : "<defs>\n" + doc.defs + "</defs>\n") + doc.body + "</svg>\n";
    }

    // ---- shapes

    @Override
    public void draw(Shape s) {
        if (!(stroke instanceof BasicStroke basic)) {
            fill(stroke.createStrokedShape(s));
            return;
        }
        double scale = Math.sqrt(Math.abs(transform.getDeterminant()));
        StringBuilder e = new StringBuilder("<path fill=\"none\" d=\"").append(pathData(s)).append('"');
        paintAttributes(e, "stroke");
        e.append(" stroke-width=\"").append(num(basic.getLineWidth() * scale)).append('"');
        if (basic.getDashArray() != null) {
            e.append(" stroke-dasharray=\"");
            float[] dashes = basic.getDashArray();
            for (int i = 0; i < dashes.length; i++) {
                e.append(i == 0 ? "" : ",").append(num(dashes[i] * scale));
            }
            e.append('"');
        }
        e.append(" stroke-linecap=\"").append(switch (basic.getEndCap()) {
            case BasicStroke.CAP_ROUND -> "round";
            case BasicStroke.CAP_SQUARE -> "square";
            default -> "butt";
        }).append("\" stroke-linejoin=\"").append(switch (basic.getLineJoin()) {
            case BasicStroke.JOIN_ROUND -> "round";
            case BasicStroke.JOIN_BEVEL -> "bevel";
            default -> "miter";
        }).append('"');
        emit(e);
    }

    @Override
    public void fill(Shape s) {
        StringBuilder e = new StringBuilder("<path d=\"").append(pathData(s)).append('"');
        paintAttributes(e, "fill");
        emit(e);
    }

    private String pathData(Shape s) {
        StringBuilder d = new StringBuilder();
        double[] c = new double[6];
        for (PathIterator it = s.getPathIterator(transform); !it.isDone(); it.next()) {
            int type = it.currentSegment(c);
            switch (type) {
                case PathIterator.SEG_MOVETO -> d.append('M').append(num(c[0])).append(' ').append(num(c[1]));
                case PathIterator.SEG_LINETO -> d.append('L').append(num(c[0])).append(' ').append(num(c[1]));
                case PathIterator.SEG_QUADTO -> d.append('Q').append(num(c[0])).append(' ').append(num(c[1])).append(' ')
                        .append(num(c[2])).append(' ').append(num(c[3]));
                case PathIterator.SEG_CUBICTO -> d.append('C').append(num(c[0])).append(' ').append(num(c[1])).append(' ')
                        .append(num(c[2])).append(' ').append(num(c[3])).append(' ').append(num(c[4])).append(' ').append(num(c[5]));
                default -> d.append('Z');
            }
        }
        return d.toString();
    }

    private void paintAttributes(StringBuilder e, String attribute) {
        Color c = paint instanceof Color colour ? colour
                : paint instanceof GradientPaint gradient ? gradient.getColor1() : Color.GRAY;
        e.append(' ').append(attribute).append("=\"").append(String.format(Locale.ROOT, "#%06x", c.getRGB() & 0xFFFFFF)).append('"');
        double alpha = c.getAlpha() / 255.0 * (composite instanceof AlphaComposite a ? a.getAlpha() : 1.0);
        if (alpha < 1.0) {
            e.append(' ').append(attribute).append("-opacity=\"").append(num(alpha)).append('"');
        }
    }

    /** Closes the element, with the current clip, and appends it to the document. */
    private void emit(StringBuilder element) {
        emit(element, null);
    }

    /** Adds the current clip to the start tag, then closes it: empty, or around the (escaped) text content. */
    private void emit(StringBuilder element, String content) {
        if (clip != null) {
            if (clipId == null) {
                clipId = "clip" + doc.nextClipId++;
                doc.defs.append("<clipPath id=\"").append(clipId).append("\"><path d=\"")
                        .append(pathDataUntransformed(clip)).append("\"/></clipPath>\n");
            }
            if (element.indexOf(" transform=") >= 0) {
                // a clip on an element is read in its own (here rotated) coordinates; on a group around it, in ours
                doc.body.append("<g clip-path=\"url(#").append(clipId).append(")\">").append(element)
                        .append(content == null ? "/>" : ">" + content + "</text>").append("</g>\n");
                return;
            }
            element.append(" clip-path=\"url(#").append(clipId).append(")\"");
        }
        doc.body.append(element).append(content == null ? "/>\n" : ">" + content + "</text>\n");
    }

    private String pathDataUntransformed(Shape deviceShape) {
        AffineTransform saved = transform;
        transform = new AffineTransform();
        String d = pathData(deviceShape);
        transform = saved;
        return d;
    }

    // ---- text

    @Override
    public void drawString(String text, float x, float y) {
        if (text == null || text.isEmpty()) {
            return;
        }
        StringBuilder e = new StringBuilder("<text");
        if (transform.getType() == AffineTransform.TYPE_IDENTITY || transform.getType() == AffineTransform.TYPE_TRANSLATION) {
            e.append(" x=\"").append(num(x + transform.getTranslateX())).append("\" y=\"").append(num(y + transform.getTranslateY())).append('"');
        } else {
            double[] m = new double[6];
            transform.getMatrix(m);
            e.append(" transform=\"matrix(").append(num(m[0])).append(' ').append(num(m[1])).append(' ').append(num(m[2])).append(' ')
                    .append(num(m[3])).append(' ').append(num(m[4])).append(' ').append(num(m[5])).append(")\" x=\"").append(num(x))
                    .append("\" y=\"").append(num(y)).append('"');
        }
        e.append(" font-family=\"").append(family(font)).append("\" font-size=\"").append(font.getSize2D()).append('"');
        if (font.isBold()) {
            e.append(" font-weight=\"bold\"");
        }
        if (font.isItalic()) {
            e.append(" font-style=\"italic\"");
        }
        paintAttributes(e, "fill");
        e.append(" xml:space=\"preserve\"");
        emit(e, escape(text));
    }

    private static String family(Font font) {
        String name = font.getFamily(Locale.ROOT);
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "serif" -> "serif";
            case "monospaced" -> "monospace";
            case "sansserif", "dialog", "dialoginput" -> "sans-serif";
            default -> escape(name) + ", sans-serif";
        };
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public void drawGlyphVector(GlyphVector g, float x, float y) {
        fill(g.getOutline(x, y));
    }

    @Override
    public FontMetrics getFontMetrics(Font f) {
        return METRICS.getFontMetrics(f);
    }

    @Override
    public FontRenderContext getFontRenderContext() {
        return METRICS.getFontRenderContext();
    }

    // ---- state

    @Override
    public Graphics create() {
        SvgGraphics2D copy = new SvgGraphics2D(doc, width, height);
        copy.transform = new AffineTransform(transform);
        copy.paint = paint;
        copy.background = background;
        copy.stroke = stroke;
        copy.font = font;
        copy.composite = composite;
        copy.hints.putAll(hints);
        copy.clip = clip;
        copy.clipId = clipId;
        return copy;
    }

    @Override
    public void dispose() {
        // nothing to release: the document is plain text
    }

    @Override
    public Shape getClip() {
        if (clip == null) {
            return null;
        }
        try {
            return transform.createInverse().createTransformedShape(clip);
        } catch (NoninvertibleTransformException e) {
            return null;
        }
    }

    @Override
    public void setClip(Shape userClip) {
        clip = userClip == null ? null : transform.createTransformedShape(userClip);
        clipId = null;
    }

    @Override
    public void clip(Shape userClip) {
        if (userClip == null) {
            setClip(null);
            return;
        }
        Shape device = transform.createTransformedShape(userClip);
        if (clip != null) {
            Area area = new Area(clip);
            area.intersect(new Area(device));
            device = area;
        }
        clip = device;
        clipId = null;
    }

    @Override
    public Rectangle getClipBounds() {
        Shape c = getClip();
        return c == null ? null : c.getBounds();
    }

    @Override
    public AffineTransform getTransform() {
        return new AffineTransform(transform);
    }

    @Override
    public void setTransform(AffineTransform tx) {
        transform = new AffineTransform(tx);
    }

    @Override
    public void transform(AffineTransform tx) {
        transform.concatenate(tx);
    }

    @Override
    public void translate(double tx, double ty) {
        transform.translate(tx, ty);
    }

    @Override
    public void rotate(double theta) {
        transform.rotate(theta);
    }

    @Override
    public void rotate(double theta, double x, double y) {
        transform.rotate(theta, x, y);
    }

    @Override
    public void scale(double sx, double sy) {
        transform.scale(sx, sy);
    }

    @Override
    public void shear(double shx, double shy) {
        transform.shear(shx, shy);
    }

    @Override
    public Paint getPaint() {
        return paint;
    }

    @Override
    public void setPaint(Paint p) {
        if (p != null) {
            paint = p;
        }
    }

    @Override
    public Color getColor() {
        return paint instanceof Color c ? c : Color.BLACK;
    }

    @Override
    public Color getBackground() {
        return background;
    }

    @Override
    public void setBackground(Color color) {
        background = color;
    }

    @Override
    public Stroke getStroke() {
        return stroke;
    }

    @Override
    public void setStroke(Stroke s) {
        stroke = s;
    }

    @Override
    public Font getFont() {
        return font;
    }

    @Override
    public void setFont(Font f) {
        if (f != null) {
            font = f;
        }
    }

    @Override
    public Composite getComposite() {
        return composite;
    }

    @Override
    public void setComposite(Composite comp) {
        composite = comp;
    }

    @Override
    public void setRenderingHint(RenderingHints.Key key, Object value) {
        if (value == null) {
            hints.remove(key);
        } else {
            hints.put(key, value);
        }
    }

    @Override
    public Object getRenderingHint(RenderingHints.Key key) {
        return hints.get(key);
    }

    @Override
    public void setRenderingHints(Map<?, ?> newHints) {
        hints.clear();
        hints.putAll(newHints);
    }

    @Override
    public void addRenderingHints(Map<?, ?> newHints) {
        hints.putAll(newHints);
    }

    @Override
    public RenderingHints getRenderingHints() {
        return (RenderingHints) hints.clone();
    }

    @Override
    public GraphicsConfiguration getDeviceConfiguration() {
        return METRICS.getDeviceConfiguration();
    }

    @Override
    public boolean hit(Rectangle rect, Shape s, boolean onStroke) {
        Shape device = transform.createTransformedShape(onStroke ? stroke.createStrokedShape(s) : s);
        return device.intersects(rect);
    }

    /** Two decimals are a hundredth of a pixel: plenty, and it keeps the file small and the output stable. */
    private static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "0";
        }
        String s = String.format(Locale.ROOT, "%.2f", v);
        if (s.endsWith(".00")) {
            s = s.substring(0, s.length() - 3);
        } else if (s.endsWith("0")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.equals("-0") ? "0" : s;
    }
}
