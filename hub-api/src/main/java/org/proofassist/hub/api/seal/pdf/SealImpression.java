package org.proofassist.hub.api.seal.pdf;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * The impression of a department's round official seal (公章): a red ring, a five-pointed star in the
 * centre, the department's name along the upper arc and an inscription such as 协查专用章 under the
 * star, on a transparent background.
 *
 * <p>It is only the picture a reader sees; what makes a reply sealed is the signature it is shown
 * with. Drawing needs no display (it works with {@code java.awt.headless=true}) and uses the CJK
 * font shipped on the classpath, never a system font. Instances are immutable and thread-safe.
 */
public final class SealImpression {

  /** The inscription of the hub's verification seals. */
  public static final String VERIFICATION_INSCRIPTION = "协查专用章";

  /** Width and height of the drawn impression in pixels. */
  public static final int SIZE = 600;

  /** The seal red of official stamp pads. */
  static final Color SEAL_RED = new Color(0xD8, 0x1E, 0x1E);

  /** How much of what lies under the seal the ink hides. */
  static final float INK_OPACITY = 0.86f;

  static final String CJK_FONT = "/fonts/DroidSansFallbackFull.ttf";

  /** Latin letters and digits: the CJK font has none. Ships inside PDFBox (SIL OFL 1.1). */
  static final String LATIN_FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

  private static final double MAX_NAME_ARC_DEGREES = 250;
  private static final FontRenderContext OUTLINES = new FontRenderContext(null, true, true);

  private final String inscription;

  /** A seal impression with the inscription {@value #VERIFICATION_INSCRIPTION}. */
  public SealImpression() {
    this(VERIFICATION_INSCRIPTION);
  }

  /**
   * @param inscription the text under the star; may be empty
   */
  public SealImpression(String inscription) {
    this.inscription = Objects.requireNonNull(inscription, "inscription").strip();
  }

  /** The seal of a department as a {@value #SIZE}×{@value #SIZE} image with transparency. */
  public BufferedImage draw(String departmentName) {
    String name = Objects.requireNonNull(departmentName, "departmentName").strip();
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a seal needs the department's name");
    }
    BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setColor(SEAL_RED);
      g.translate(SIZE / 2.0, SIZE / 2.0);
      drawRing(g);
      g.fill(star(SIZE * 0.165));
      drawName(g, name);
      drawInscription(g);
      // stamp-pad ink lets the print underneath show through a little
      g.setComposite(AlphaComposite.getInstance(AlphaComposite.DST_IN, INK_OPACITY));
      g.fillRect(-SIZE, -SIZE, 2 * SIZE, 2 * SIZE);
    } finally {
      g.dispose();
    }
    return image;
  }

  /** The seal of a department as PNG bytes. */
  public byte[] png(String departmentName) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    try {
      ImageIO.write(draw(departmentName), "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the seal impression", e);
    }
    return out.toByteArray();
  }

  private static void drawRing(Graphics2D g) {
    double width = SIZE * 0.032;
    double radius = SIZE / 2.0 - 4 - width / 2;
    g.setStroke(new BasicStroke((float) width));
    g.draw(new Ellipse2D.Double(-radius, -radius, 2 * radius, 2 * radius));
  }

  /** A five-pointed star pointing up, centred on the origin. */
  private static Shape star(double outerRadius) {
    double innerRadius = outerRadius * 0.382;
    Path2D.Double star = new Path2D.Double();
    for (int point = 0; point < 10; point++) {
      double radius = point % 2 == 0 ? outerRadius : innerRadius;
      double angle = Math.toRadians(-90 + point * 36);
      double x = radius * Math.cos(angle);
      double y = radius * Math.sin(angle);
      if (point == 0) {
        star.moveTo(x, y);
      } else {
        star.lineTo(x, y);
      }
    }
    star.closePath();
    return star;
  }

  /**
   * Lays the name clockwise along the upper arc, each character upright towards the rim and
   * narrowed when the name is long, as on a paper seal.
   */
  private static void drawName(Graphics2D g, String name) {
    int[] characters = name.codePoints().filter(c -> !Character.isWhitespace(c)).toArray();
    double fontSize = SIZE * 0.125;
    double centreRadius = SIZE / 2.0 - 4 - SIZE * 0.032 - SIZE * 0.018 - fontSize / 2;
    double naturalStep = Math.toDegrees(fontSize * 1.05 / centreRadius);
    double step = Math.min(naturalStep, MAX_NAME_ARC_DEGREES / characters.length);
    double narrowing = Math.min(1.0, step / naturalStep * 1.05);
    double first = -(step * (characters.length - 1)) / 2;
    for (int index = 0; index < characters.length; index++) {
      Shape glyph = centred(characters[index], fontSize);
      AffineTransform place = new AffineTransform();
      place.rotate(Math.toRadians(first + index * step));
      place.translate(0, -centreRadius);
      place.scale(narrowing, 1);
      fillBold(g, place.createTransformedShape(glyph));
    }
  }

  private void drawInscription(Graphics2D g) {
    if (inscription.isEmpty()) {
      return;
    }
    int[] characters = inscription.codePoints().toArray();
    double fontSize = SIZE * 0.082;
    double available = SIZE * 0.5;
    double pitch = Math.min(fontSize * 1.08, available / characters.length);
    double narrowing = Math.min(1.0, pitch / (fontSize * 1.08));
    double first = -(pitch * (characters.length - 1)) / 2;
    for (int index = 0; index < characters.length; index++) {
      AffineTransform place =
          AffineTransform.getTranslateInstance(first + index * pitch, SIZE * 0.285);
      place.scale(narrowing, 1);
      fillBold(g, place.createTransformedShape(centred(characters[index], fontSize)));
    }
  }

  /** Seal engravings are heavier than the font: fill the outline and trace it once more. */
  private static void fillBold(Graphics2D g, Shape glyph) {
    g.fill(glyph);
    g.setStroke(
        new BasicStroke((float) (SIZE * 0.004), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(glyph);
  }

  /** The outline of one character, its visual centre on the origin. */
  private static Shape centred(int codePoint, double fontSize) {
    Font font = Fonts.forCharacter(codePoint).deriveFont((float) fontSize);
    GlyphVector vector = font.createGlyphVector(OUTLINES, Character.toChars(codePoint));
    Shape outline = vector.getOutline();
    Rectangle2D bounds = vector.getLogicalBounds();
    Rectangle2D visual = outline.getBounds2D();
    double centreY = visual.isEmpty() ? 0 : visual.getCenterY();
    return AffineTransform.getTranslateInstance(-bounds.getCenterX(), -centreY)
        .createTransformedShape(outline);
  }

  /** The fonts, each read from the classpath when first needed. */
  private static final class Fonts {

    static Font forCharacter(int codePoint) {
      if (codePoint >= 0x80 && Cjk.FONT.canDisplay(codePoint)) {
        return Cjk.FONT;
      }
      return Latin.FONT;
    }

    private static final class Cjk {
      static final Font FONT = load(CJK_FONT);
    }

    private static final class Latin {
      static final Font FONT = load(LATIN_FONT);
    }

    private static Font load(String resource) {
      try (InputStream in = SealImpression.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("font " + resource + " is not on the classpath");
        }
        return Font.createFont(Font.TRUETYPE_FONT, in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read font " + resource, e);
      } catch (FontFormatException e) {
        throw new IllegalStateException("font " + resource + " is not a TrueType font", e);
      }
    }
  }
}
