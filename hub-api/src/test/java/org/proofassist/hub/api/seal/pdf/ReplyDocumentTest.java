package org.proofassist.hub.api.seal.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;
import org.proofassist.hub.core.catalogue.ProofTypeCode;
import org.proofassist.hub.core.citizen.CitizenIdNumber;
import org.proofassist.hub.core.directory.DepartmentId;
import org.proofassist.hub.core.directory.DivisionCode;
import org.proofassist.hub.core.request.Matter;
import org.proofassist.hub.core.request.ReplyOutcome;
import org.proofassist.hub.core.request.RequestId;
import org.proofassist.hub.core.request.Subject;
import org.proofassist.hub.core.seal.ReplyContent;
import org.proofassist.hub.core.seal.StampedReply;

class ReplyDocumentTest {

  static final DepartmentId SHUIBU = DepartmentId.of("FZ-PSB-GULOU-SHUIBU");
  static final String SHUIBU_NAME = "福州市公安局鼓楼分局水部派出所";
  static final String ID_NUMBER =
      "35010219900101123" + CitizenIdNumber.checkCharacter("35010219900101123");
  static final String LEGACY_ID_NUMBER = "350102900101123";
  static final String DIGEST = "9f2c".repeat(16);
  static final Instant ISSUED_AT = Instant.parse("2026-11-23T09:30:00Z");

  private final ReplyDocument document = new ReplyDocument();

  /** The demo reply of 水部派出所 about 林小明, issued at {@code issuedAt}. */
  static ReplyContent aReply(ReplyOutcome outcome, Map<String, String> facts, Instant issuedAt) {
    return new ReplyContent(
        RequestId.of("VR-0123456789ABCDEFGHJK"),
        ProofTypeCode.of("SAME_PERSON"),
        new Subject(
            "林小明",
            CitizenIdNumber.of(ID_NUMBER),
            List.of(CitizenIdNumber.of(LEGACY_ID_NUMBER)),
            DivisionCode.of("350102001"),
            "福州市鼓楼区水部街道古田路1号"),
        new Matter("REAL_ESTATE_DEREGISTRATION", "FZ-2026-000123"),
        "请核实申请人现居民身份证号码与其持有的旧15位身份证号码是否为同一人。",
        outcome,
        "申请人林小明现公民身份号码与旧15位号码系同一人，1999年换领第二代居民身份证时升位。",
        facts,
        SHUIBU,
        "王警官",
        issuedAt);
  }

  static Map<String, String> someFacts() {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("户籍登记日期", "2001年5月");
    facts.put("户号", "350102001-0042");
    facts.put("号码升位记录", "1999年9月由 " + LEGACY_ID_NUMBER + " 升位为 " + ID_NUMBER);
    return facts;
  }

  static StampedReply aStamp(String serial, String subject, Instant sealedAt) {
    return new StampedReply(
        "eyJhbGciOiJFUzI1NiJ9.e30.c2ln", DIGEST, SHUIBU, serial, subject, sealedAt);
  }

  private ReplyDocument.Rendered render(ReplyContent reply) {
    return document.render(
        reply,
        SHUIBU_NAME,
        aStamp("5a17c0ffee", "CN=水部派出所电子公章,2.5.4.97=FZ-PSB-GULOU-SHUIBU", ISSUED_AT));
  }

  @Test
  void theLetterIsAnA4PageStatingTheReplyInChinese() throws IOException {
    byte[] pdf = render(aReply(ReplyOutcome.CONFIRMED, someFacts(), ISSUED_AT)).pdf();

    try (PDDocument letter = Loader.loadPDF(pdf)) {
      assertThat(letter.getNumberOfPages()).isEqualTo(1);
      PDRectangle size = letter.getPage(0).getMediaBox();
      assertThat(size.getWidth()).isCloseTo(PDRectangle.A4.getWidth(), within(0.5f));
      assertThat(size.getHeight()).isCloseTo(PDRectangle.A4.getHeight(), within(0.5f));
      String text = new PDFTextStripper().getText(letter);
      assertThat(text)
          .contains("协查核查回复函")
          .contains("VR-0123456789ABCDEFGHJK")
          .contains("SAME_PERSON")
          .contains("林小明")
          .contains(ID_NUMBER)
          .contains(LEGACY_ID_NUMBER)
          .contains("FZ-2026-000123")
          .contains("旧15位身份证号码是否为同一人")
          .contains("经核查，所询情况属实。")
          .contains("号码升位记录")
          .contains("350102001-0042")
          .contains("出具部门：" + SHUIBU_NAME)
          .contains("经办人：王警官")
          .contains("2026年11月23日 17:30")
          .contains(DIGEST)
          .contains("5a17c0ffee")
          .contains("POST /api/v1/seals/verify");
    }
  }

  @Test
  void theProofTypeIsNamedAsTheCatalogueNamesIt() throws IOException {
    ReplyContent reply = aReply(ReplyOutcome.CONFIRMED, someFacts(), ISSUED_AT);
    ReplyDocument named = new ReplyDocument(code -> "同一人核查（" + code + "）");

    byte[] pdf = named.render(reply, SHUIBU_NAME, aStamp("5a17c0ffee", "CN=x", ISSUED_AT)).pdf();

    try (PDDocument letter = Loader.loadPDF(pdf)) {
      assertThat(new PDFTextStripper().getText(letter))
          .contains("证明事项：同一人核查（" + reply.proofType() + "）");
    }
  }

  @Test
  void aNotConfirmedReplySaysTheMatterIsNotTrue() throws IOException {
    byte[] pdf = render(aReply(ReplyOutcome.NOT_CONFIRMED, Map.of(), ISSUED_AT)).pdf();

    try (PDDocument letter = Loader.loadPDF(pdf)) {
      assertThat(new PDFTextStripper().getText(letter))
          .contains("经核查，所询情况不属实。")
          .doesNotContain("所询情况属实");
    }
  }

  @Test
  void everyFontIsEmbeddedAsASubset() throws IOException {
    byte[] pdf = render(aReply(ReplyOutcome.CONFIRMED, someFacts(), ISSUED_AT)).pdf();

    try (PDDocument letter = Loader.loadPDF(pdf)) {
      List<PDFont> fonts = new ArrayList<>();
      for (COSName name : letter.getPage(0).getResources().getFontNames()) {
        fonts.add(letter.getPage(0).getResources().getFont(name));
      }
      assertThat(fonts).isNotEmpty();
      assertThat(fonts)
          .allSatisfy(
              font -> {
                assertThat(font).isInstanceOf(PDType0Font.class);
                assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                assertThat(font.getName()).matches("[A-Z]{6}\\+.*");
              });
      assertThat(fonts).anyMatch(font -> font.getName().contains("DroidSansFallback"));
    }
    assertThat(pdf.length).as("a subset, not the 4 MB font").isLessThan(400_000);
  }

  @Test
  void longTextIsWrappedWithinTheMargins() throws IOException {
    String longStatement = "经调阅户籍档案并走访社区核实，申请人自2001年起一直在本辖区居住，".repeat(12);
    ReplyContent reply =
        new ReplyContent(
            RequestId.of("VR-0123456789ABCDEFGHJK"),
            ProofTypeCode.of("SAME_PERSON"),
            aReply(ReplyOutcome.CONFIRMED, Map.of(), ISSUED_AT).subject(),
            new Matter("REAL_ESTATE_DEREGISTRATION", "FZ-2026-000123"),
            "question " + "ABCDEFGHIJ".repeat(12),
            ReplyOutcome.CONFIRMED,
            longStatement,
            Map.of("核查说明", longStatement),
            SHUIBU,
            "王警官",
            ISSUED_AT);

    List<TextPosition> glyphs = glyphsOf(render(reply).pdf());

    float pageWidth = PDRectangle.A4.getWidth();
    assertThat(glyphs).hasSizeGreaterThan(longStatement.length() * 2);
    assertThat(glyphs)
        .allSatisfy(
            glyph -> {
              assertThat(glyph.getXDirAdj()).as(glyph.getUnicode()).isGreaterThanOrEqualTo(60f);
              assertThat(glyph.getXDirAdj() + glyph.getWidthDirAdj())
                  .as(glyph.getUnicode())
                  .isLessThanOrEqualTo(pageWidth - 56f);
            });
  }

  @Test
  void theSealGoesOverTheIssuerAndTheDateAtTheBottomRight() throws IOException {
    ReplyDocument.Rendered rendered =
        render(aReply(ReplyOutcome.CONFIRMED, someFacts(), ISSUED_AT));
    ReplyDocument.SealPlacement seal = rendered.placement();

    assertThat(seal.pageIndex()).isZero();
    assertThat(seal.width()).isCloseTo(ReplyDocument.SEAL_DIAMETER, within(0.01f));
    assertThat(seal.height()).isEqualTo(seal.width());
    assertThat(seal.left()).isGreaterThan(PDRectangle.A4.getWidth() / 2);
    assertThat(seal.left() + seal.width()).isLessThanOrEqualTo(PDRectangle.A4.getWidth() - 36);
    List<TextPosition> glyphs = glyphsOf(rendered.pdf());
    TextPosition nameStart = lastGlyphOf(glyphs, "福");
    TextPosition nameEnd = lastGlyphOf(glyphs, "所");
    TextPosition dateDay = lastGlyphOf(glyphs, "日");
    float centreX = seal.left() + seal.width() / 2;
    float centreY = seal.top() + seal.height() / 2;
    assertThat(centreX).isBetween(nameStart.getXDirAdj(), nameEnd.getXDirAdj());
    assertThat(dateDay.getXDirAdj()).isBetween(seal.left(), seal.left() + seal.width());
    assertThat(centreY)
        .isBetween(nameEnd.getYDirAdj() - 12f, dateDay.getYDirAdj())
        .isGreaterThan(PDRectangle.A4.getHeight() / 2);
  }

  @Test
  void aLongReplyContinuesOnAnotherPageAndTheSealFollowsTheIssuer() throws IOException {
    Map<String, String> manyFacts = new LinkedHashMap<>();
    for (int index = 10; index < 50; index++) {
      manyFacts.put("事项" + index, "第" + index + "项核查情况：与户籍档案记载一致。");
    }

    ReplyDocument.Rendered rendered = render(aReply(ReplyOutcome.CONFIRMED, manyFacts, ISSUED_AT));

    try (PDDocument letter = Loader.loadPDF(rendered.pdf())) {
      assertThat(letter.getNumberOfPages()).isGreaterThan(1);
      assertThat(rendered.placement().pageIndex()).isEqualTo(letter.getNumberOfPages() - 1);
      PDFTextStripper lastPage = new PDFTextStripper();
      lastPage.setStartPage(letter.getNumberOfPages());
      assertThat(lastPage.getText(letter)).contains("出具部门：" + SHUIBU_NAME).contains(DIGEST);
      PDFTextStripper firstPage = new PDFTextStripper();
      firstPage.setEndPage(1);
      assertThat(firstPage.getText(letter)).contains(DIGEST).contains("第 1 页 共 ");
    }
  }

  private static TextPosition lastGlyphOf(List<TextPosition> glyphs, String unicode) {
    return glyphs.stream()
        .filter(glyph -> unicode.equals(glyph.getUnicode()))
        .filter(glyph -> glyph.getYDirAdj() < PDRectangle.A4.getHeight() - 100)
        .reduce((first, second) -> second)
        .orElseThrow();
  }

  /** Every glyph on the letter's pages, with where it was drawn. */
  static List<TextPosition> glyphsOf(byte[] pdf) throws IOException {
    List<TextPosition> glyphs = new ArrayList<>();
    try (PDDocument letter = Loader.loadPDF(pdf)) {
      PDFTextStripper stripper =
          new PDFTextStripper() {
            @Override
            protected void writeString(String text, List<TextPosition> positions) {
              glyphs.addAll(positions);
            }
          };
      stripper.getText(letter);
    }
    return glyphs;
  }
}
