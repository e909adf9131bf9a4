package org.proofassist.hub.api.seal.pdf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.proofassist.hub.core.catalogue.ProofTypeCode;
import org.proofassist.hub.core.citizen.CitizenIdNumber;
import org.proofassist.hub.core.request.ReplyOutcome;
import org.proofassist.hub.core.request.Subject;
import org.proofassist.hub.core.seal.ReplyContent;
import org.proofassist.hub.core.seal.StampedReply;

/**
 * The printable reply letter (协查核查回复函): an A4 PDF in Chinese that states what the issuing
 * department found, for the departments involved. It names the subject in full, so it must not go
 * anywhere else.
 *
 * <p>The PDF comes out unsigned, together with the place where the department's seal goes: over the
 * issuer's name and date at the bottom right, as a paper stamp would be. {@link PadesReplySeal}
 * puts it there. Text is set in the CJK font shipped on the classpath (Latin letters and digits in
 * the Liberation Sans that PDFBox ships), both embedded as subsets, so that every reader shows the
 * same letter and its text can be searched and copied.
 *
 * <p>Instances are stateless and thread-safe.
 */
public final class ReplyDocument {

  /** The letter's title. */
  public static final String TITLE = "协查核查回复函";

  /** Where a reader checks the electronic seal. */
  public static final String VERIFY_ENDPOINT = "POST /api/v1/seals/verify";

  /** Diameter of the seal on paper: 42 mm, the size of a department's official seal. */
  public static final float SEAL_DIAMETER = 42f / 25.4f * 72f;

  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  static final DateTimeFormatter ISSUED_AT = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");

  private static final PDRectangle PAGE = PDRectangle.A4;
  private static final float MARGIN_LEFT = 72f;
  private static final float MARGIN_RIGHT = 68f;
  private static final float MARGIN_TOP = 76f;
  private static final float CONTENT_BOTTOM = 96f;
  private static final float TITLE_SIZE = 20f;
  private static final float BODY_SIZE = 11.5f;
  private static final float LINE = BODY_SIZE * 1.75f;
  private static final float SMALL_SIZE = 7.5f;
  private static final float SMALL_LINE = SMALL_SIZE * 1.45f;
  private final Function<ProofTypeCode, String> proofTypeNames;

  /** A letter that names proof types by their codes. */
  public ReplyDocument() {
    this(ProofTypeCode::value);
  }

  /**
   * @param proofTypeNames how a proof type is named on the letter, e.g. its catalogue name
   */
  public ReplyDocument(Function<ProofTypeCode, String> proofTypeNames) {
    this.proofTypeNames = Objects.requireNonNull(proofTypeNames, "proofTypeNames");
  }

  private static final String CLOSING_PUNCTUATION = "，。、；：？！）》」』”’,.;:!?)]}%";

  /**
   * Renders a reply.
   *
   * @param content what the department states
   * @param departmentName the issuing department's official name, as {@code Department#name()}
   * @param stamp the reply's seal, whose digest and certificate serial are printed for checking
   * @return the unsigned PDF and where its seal goes
   */
  public Rendered render(ReplyContent content, String departmentName, StampedReply stamp) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(stamp, "stamp");
    if (departmentName == null || departmentName.isBlank()) {
      throw new IllegalArgumentException("the issuing department's name is required");
    }
    try (PDDocument document = new PDDocument()) {
      Composer composer = new Composer(document, proofTypeNames.apply(content.proofType()));
      SealPlacement placement = composer.compose(content, departmentName.strip(), stamp);
      ByteArrayOutputStream out = new ByteArrayOutputStream(96 * 1024);
      document.save(out);
      return new Rendered(out.toByteArray(), placement);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render the reply to " + content.requestId(), e);
    }
  }

  /**
   * A rendered reply letter.
   *
   * @param pdf the unsigned PDF
   * @param placement where the seal goes
   */
  public record Rendered(byte[] pdf, SealPlacement placement) {

    public Rendered {
      Objects.requireNonNull(pdf, "pdf");
      Objects.requireNonNull(placement, "placement");
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Rendered that
          && Arrays.equals(pdf, that.pdf)
          && placement.equals(that.placement);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(pdf) + placement.hashCode();
    }

    @Override
    public String toString() {
      return "Rendered[" + pdf.length + " bytes, " + placement + "]";
    }
  }

  /**
   * Where the seal goes, in PDF points (1/72 inch) measured from the top-left corner of the page,
   * which is how DSS positions a signature field.
   *
   * @param pageIndex the page, counted from 0
   * @param left distance of the box's left edge from the page's left edge
   * @param top distance of the box's top edge from the page's top edge
   * @param width the box's width
   * @param height the box's height
   */
  public record SealPlacement(int pageIndex, float left, float top, float width, float height) {

    public SealPlacement {
      if (pageIndex < 0 || width <= 0 || height <= 0 || left < 0 || top < 0) {
        throw new IllegalArgumentException("not a place on a page: " + left + "," + top);
      }
    }
  }

  /** Lays out one letter; lives as long as one rendering. */
  private static final class Composer {

    private final PDDocument document;
    private final PDFont cjk;
    private final PDFont latin;
    private final Map<Integer, PDFont> fontOf = new HashMap<>();
    private final List<PDPage> pages = new ArrayList<>();
    private final String proofTypeName;
    private PDPageContentStream canvas;
    private float y;

    Composer(PDDocument document, String proofTypeName) throws IOException {
      this.document = document;
      this.proofTypeName = proofTypeName;
      this.cjk = PDType0Font.load(document, new ByteArrayInputStream(FontFiles.CJK), true);
      this.latin = PDType0Font.load(document, new ByteArrayInputStream(FontFiles.LATIN), true);
    }

    SealPlacement compose(ReplyContent content, String departmentName, StampedReply stamp)
        throws IOException {
      describe(content, departmentName);
      newPage();
      try {
        title(content);
        body(content);
        SealPlacement placement = issuer(content, departmentName);
        canvas.close();
        canvas = null;
        footers(stamp);
        return placement;
      } finally {
        if (canvas != null) {
          canvas.close();
        }
      }
    }

    private void describe(ReplyContent content, String departmentName) {
      PDDocumentInformation info = document.getDocumentInformation();
      info.setTitle(TITLE + " " + content.requestId());
      info.setAuthor(departmentName);
      info.setSubject(content.proofType().value());
      info.setCreator("Proof Assist Hub");
      Calendar issued = new GregorianCalendar(TimeZone.getTimeZone(CHINA));
      issued.setTimeInMillis(content.issuedAt().toEpochMilli());
      info.setCreationDate(issued);
    }

    private void title(ReplyContent content) throws IOException {
      y = PAGE.getHeight() - MARGIN_TOP;
      text(TITLE, TITLE_SIZE, centred(TITLE, TITLE_SIZE), y);
      y -= TITLE_SIZE * 1.5f;
      String number = "编号：" + content.requestId();
      text(number, BODY_SIZE - 1, right() - width(number, BODY_SIZE - 1), y);
      y -= 8;
      canvas.setLineWidth(1.2f);
      canvas.moveTo(MARGIN_LEFT, y);
      canvas.lineTo(right(), y);
      canvas.stroke();
      y -= LINE * 1.2f;
    }

    private void body(ReplyContent content) throws IOException {
      Subject subject = content.subject();
      labelled("协查编号：", content.requestId().value());
      labelled("证明事项：", proofTypeName);
      labelled("核查对象：", subject.name() + "（公民身份号码：" + subject.idNumber().value() + "）");
      if (!subject.otherIdNumbers().isEmpty()) {
        labelled(
            "曾用号码：",
            subject.otherIdNumbers().stream()
                .map(CitizenIdNumber::value)
                .collect(Collectors.joining("、")));
      }
      if (subject.address() != null && !subject.address().isBlank()) {
        labelled("户籍地址：", subject.address());
      }
      String caseNumber = content.matter().caseNumber();
      labelled(
          "办理事项：",
          content.matter().code()
              + (caseNumber == null || caseNumber.isBlank() ? "" : "（案件编号：" + caseNumber + "）"));
      labelled("协查内容：", content.question());
      labelled("核查结论：", outcome(content.outcome()));
      if (content.statement() != null && !content.statement().isBlank()) {
        labelled("情况说明：", content.statement());
      }
      if (!content.facts().isEmpty()) {
        y -= LINE * 0.3f;
        labelled("核查情况：", "");
        facts(new TreeMap<>(content.facts()));
      }
    }

    static String outcome(ReplyOutcome outcome) {
      return switch (outcome) {
        case CONFIRMED -> "经核查，所询情况属实。";
        case NOT_CONFIRMED -> "经核查，所询情况不属实。";
      };
    }

    /** A label with its text beside it; continuation lines align with the text. */
    private void labelled(String label, String value) throws IOException {
      float indent = width(label, BODY_SIZE);
      List<String> lines = new ArrayList<>();
      for (String paragraph : paragraphs(value)) {
        lines.addAll(wrap(paragraph, BODY_SIZE, contentWidth() - indent));
      }
      if (lines.isEmpty()) {
        lines.add("");
      }
      for (int index = 0; index < lines.size(); index++) {
        ensureRoom(LINE);
        if (index == 0) {
          text(label, BODY_SIZE, MARGIN_LEFT, y);
        }
        text(lines.get(index), BODY_SIZE, MARGIN_LEFT + indent, y);
        y -= LINE;
      }
    }

    /** The facts as a two-column table, the key column a third of the width. */
    private void facts(Map<String, String> facts) throws IOException {
      float keyWidth = contentWidth() * 0.34f;
      float padding = 5f;
      float size = BODY_SIZE - 1;
      float rowLine = size * 1.6f;
      float top = y + size;
      canvas.setLineWidth(0.6f);
      for (Map.Entry<String, String> fact : facts.entrySet()) {
        List<String> keys = wrap(fact.getKey(), size, keyWidth - 2 * padding);
        List<String> values = new ArrayList<>();
        for (String paragraph : paragraphs(fact.getValue())) {
          values.addAll(wrap(paragraph, size, contentWidth() - keyWidth - 2 * padding));
        }
        int rows = Math.max(1, Math.max(keys.size(), values.size()));
        float height = rows * rowLine + padding;
        if (top - height < CONTENT_BOTTOM) {
          newPage();
          top = y + size;
        }
        canvas.addRect(MARGIN_LEFT, top - height, keyWidth, height);
        canvas.addRect(MARGIN_LEFT + keyWidth, top - height, contentWidth() - keyWidth, height);
        canvas.stroke();
        float baseline = top - padding / 2 - size;
        for (int row = 0; row < rows; row++) {
          if (row < keys.size()) {
            text(keys.get(row), size, MARGIN_LEFT + padding, baseline);
          }
          if (row < values.size()) {
            text(values.get(row), size, MARGIN_LEFT + keyWidth + padding, baseline);
          }
          baseline -= rowLine;
        }
        top -= height;
      }
      y = top - size - LINE * 0.6f;
    }

    /**
     * The officer, then the department and the date at the bottom right, right-indented by two
     * characters as letters are; the seal sits over the department and the date.
     */
    private SealPlacement issuer(ReplyContent content, String departmentName) throws IOException {
      float needed = LINE * 2.2f + SEAL_DIAMETER;
      ensureRoom(needed);
      y -= LINE * 0.4f;
      text("经办人：" + content.officer(), BODY_SIZE, MARGIN_LEFT, y);
      float nameY = y - LINE * 2.2f;
      float dateY = nameY - LINE;
      String date = ISSUED_AT.format(content.issuedAt().atZone(CHINA));
      String issuer = "出具部门：" + departmentName;
      float issuerWidth = Math.min(width(issuer, BODY_SIZE), contentWidth());
      float issuerRight = Math.max(MARGIN_LEFT + issuerWidth, right() - 2 * BODY_SIZE);
      float issuerLeft = issuerRight - issuerWidth;
      List<String> issuerLines = wrap(issuer, BODY_SIZE, contentWidth());
      float lineY = nameY + LINE * (issuerLines.size() - 1);
      for (String line : issuerLines) {
        text(line, BODY_SIZE, issuerRight - width(line, BODY_SIZE), lineY);
        lineY -= LINE;
      }
      float nameCentre =
          issuerLeft + width("出具部门：", BODY_SIZE) + width(departmentName, BODY_SIZE) / 2;
      float centreX = Math.min(nameCentre, right() - SEAL_DIAMETER / 2);
      float dateX =
          Math.min(centreX - width(date, BODY_SIZE) / 2, right() - width(date, BODY_SIZE));
      text(date, BODY_SIZE, dateX, dateY);
      float centreY = (nameY + dateY) / 2 + BODY_SIZE * 0.35f;
      y = dateY - LINE;
      return new SealPlacement(
          pages.size() - 1,
          centreX - SEAL_DIAMETER / 2,
          PAGE.getHeight() - (centreY + SEAL_DIAMETER / 2),
          SEAL_DIAMETER,
          SEAL_DIAMETER);
    }

    /** The digest, the certificate serial, the verification note and the page number. */
    private void footers(StampedReply stamp) throws IOException {
      List<String> notes =
          List.of(
              "内容摘要（SHA-256）：" + stamp.contentDigest(),
              "电子印章证书序列号：" + stamp.certificateSerial() + "　证书主体：" + stamp.certificateSubject(),
              "本函加盖电子印章（PAdES 数字签名），签章数据可通过 "
                  + VERIFY_ENDPOINT
                  + " 核验；内容摘要应与核验结果一致，印章无效或本函经改动的，不得作为办理依据。");
      List<String> lines = new ArrayList<>();
      for (String note : notes) {
        lines.addAll(wrap(note, SMALL_SIZE, contentWidth()));
      }
      for (int index = 0; index < pages.size(); index++) {
        try (PDPageContentStream footer =
            new PDPageContentStream(
                document, pages.get(index), PDPageContentStream.AppendMode.APPEND, true)) {
          canvas = footer;
          float top = 34f + SMALL_LINE * lines.size();
          footer.setLineWidth(0.5f);
          footer.moveTo(MARGIN_LEFT, top + SMALL_LINE * 0.6f);
          footer.lineTo(right(), top + SMALL_LINE * 0.6f);
          footer.stroke();
          float lineY = top;
          for (String line : lines) {
            text(line, SMALL_SIZE, MARGIN_LEFT, lineY);
            lineY -= SMALL_LINE;
          }
          String page = "第 " + (index + 1) + " 页 共 " + pages.size() + " 页";
          text(page, SMALL_SIZE, centred(page, SMALL_SIZE), 22f);
        } finally {
          canvas = null;
        }
      }
    }

    private void ensureRoom(float height) throws IOException {
      if (y - height < CONTENT_BOTTOM) {
        newPage();
      }
    }

    private void newPage() throws IOException {
      if (canvas != null) {
        canvas.close();
      }
      PDPage page = new PDPage(PAGE);
      document.addPage(page);
      pages.add(page);
      canvas = new PDPageContentStream(document, page);
      y = PAGE.getHeight() - MARGIN_TOP;
    }

    private float right() {
      return PAGE.getWidth() - MARGIN_RIGHT;
    }

    private float contentWidth() {
      return right() - MARGIN_LEFT;
    }

    private float centred(String text, float size) throws IOException {
      return (PAGE.getWidth() - width(text, size)) / 2;
    }

    /** Shows text at a baseline, switching between the CJK and the Latin font as needed. */
    private void text(String text, float size, float x, float baseline) throws IOException {
      float position = x;
      for (Run run : runs(text)) {
        canvas.beginText();
        canvas.setFont(run.font(), size);
        canvas.newLineAtOffset(position, baseline);
        canvas.showText(run.text());
        canvas.endText();
        position += run.font().getStringWidth(run.text()) / 1000f * size;
      }
    }

    private float width(String text, float size) throws IOException {
      float width = 0;
      for (Run run : runs(text)) {
        width += run.font().getStringWidth(run.text()) / 1000f * size;
      }
      return width;
    }

    /** Splits text into stretches set in one font; characters neither font has become '?'. */
    private List<Run> runs(String text) {
      List<Run> runs = new ArrayList<>();
      StringBuilder current = new StringBuilder();
      PDFont currentFont = null;
      for (int codePoint : text.codePoints().toArray()) {
        PDFont font = fontOf.computeIfAbsent(codePoint, this::fontFor);
        int shown = codePoint;
        if (font == null) {
          font = latin;
          shown = '?';
        }
        if (font != currentFont && current.length() > 0) {
          runs.add(new Run(currentFont, current.toString()));
          current.setLength(0);
        }
        currentFont = font;
        current.appendCodePoint(shown);
      }
      if (current.length() > 0) {
        runs.add(new Run(currentFont, current.toString()));
      }
      return runs;
    }

    private PDFont fontFor(int codePoint) {
      if (Character.isISOControl(codePoint)) {
        return null;
      }
      List<PDFont> candidates = codePoint < 0x80 ? List.of(latin) : List.of(cjk, latin);
      for (PDFont font : candidates) {
        try {
          font.encode(new String(Character.toChars(codePoint)));
          return font;
        } catch (IllegalArgumentException | IOException noGlyph) {
          // try the next font
        }
      }
      return null;
    }

    private static List<String> paragraphs(String text) {
      if (text == null || text.isBlank()) {
        return List.of();
      }
      return Arrays.stream(text.replace("\r\n", "\n").replace('\t', ' ').split("\n"))
          .map(String::strip)
          .filter(line -> !line.isEmpty())
          .toList();
    }

    /**
     * Breaks text into lines no wider than {@code limit}: between any two CJK characters, but not
     * inside a run of Latin letters and digits such as a request id unless it is longer than a
     * line; closing punctuation stays at the end of its line, hanging into the margin.
     */
    private List<String> wrap(String text, float size, float limit) throws IOException {
      int[] characters = text.codePoints().toArray();
      List<String> lines = new ArrayList<>();
      int start = 0;
      while (start < characters.length) {
        float used = 0;
        int end = start;
        while (end < characters.length) {
          float advance = width(new String(characters, end, 1), size);
          if (used + advance > limit && end > start) {
            break;
          }
          used += advance;
          end++;
        }
        if (end < characters.length) {
          if (CLOSING_PUNCTUATION.indexOf(characters[end]) >= 0) {
            end++;
          } else if (isWordCharacter(characters[end]) && isWordCharacter(characters[end - 1])) {
            int breakAt = end - 1;
            while (breakAt > start
                && isWordCharacter(characters[breakAt])
                && isWordCharacter(characters[breakAt - 1])) {
              breakAt--;
            }
            if (breakAt > start) {
              end = breakAt;
            }
          }
        }
        lines.add(new String(characters, start, end - start).strip());
        start = end;
        while (start < characters.length && characters[start] == ' ') {
          start++;
        }
      }
      return lines;
    }

    private static boolean isWordCharacter(int codePoint) {
      return codePoint < 0x80
          && (Character.isLetterOrDigit(codePoint) || "-_./@".indexOf(codePoint) >= 0);
    }
  }

  private record Run(PDFont font, String text) {}

  /** The font programs, read once from the classpath. */
  private static final class FontFiles {

    static final byte[] CJK = read(SealImpression.CJK_FONT);
    static final byte[] LATIN = read(SealImpression.LATIN_FONT);

    private static byte[] read(String resource) {
      try (InputStream in = ReplyDocument.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("font " + resource + " is not on the classpath");
        }
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read font " + resource, e);
      }
    }
  }
}
