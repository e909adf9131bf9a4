package org.proofassist.hub.api.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.proofassist.hub.api.seal.CanonicalJson;
import org.proofassist.hub.core.catalogue.ProofType;
import org.proofassist.hub.core.catalogue.ProofTypeCode;
import org.proofassist.hub.core.citizen.CitizenIdNumber;
import org.proofassist.hub.core.common.InvalidValueException;
import org.proofassist.hub.core.directory.DepartmentId;
import org.proofassist.hub.core.directory.DivisionCode;
import org.proofassist.hub.core.request.Matter;
import org.proofassist.hub.core.request.ReplyOutcome;
import org.proofassist.hub.core.request.RequestId;
import org.proofassist.hub.core.routing.RoutingDecision;
import org.proofassist.hub.core.routing.RoutingPolicy;
import org.proofassist.hub.core.seal.ReplyContent;
import org.proofassist.hub.fixtures.Citizen;
import org.proofassist.hub.fixtures.ReferenceData;
import org.proofassist.hub.fixtures.SyntheticCitizens;
import org.proofassist.hub.fixtures.SyntheticDirectory;

/**
 * JMH micro-benchmarks of the hot domain paths of a request (issue #7), each next to a baseline
 * that does the least work the path could do on the same data:
 *
 * <ul>
 *   <li><b>Routing</b> a household-registration request ({@code SAME_PERSON}) through the real
 *       {@link RoutingPolicy} over a {@link SyntheticDirectory#province() synthetic province} of
 *       5,000 police stations and 100,000 street codes, to a random street; baseline: a {@link
 *       HashMap} from street code to station over the same data (the generator's answer key).
 *   <li><b>ID numbers</b>: {@link CitizenIdNumber#of} on valid 18-character numbers, on legacy
 *       15-digit numbers converted to 18, and on invalid numbers (wrong check character, impossible
 *       birth date, wrong shape; each refused with an {@link InvalidValueException}); baseline: a
 *       precompiled regular expression checking only the shape. {@code idShapeByStringMatches} is
 *       the same check as {@link String#matches} does it (compiling the expression on every call),
 *       as {@link CitizenIdNumber} does.
 *   <li><b>Canonical JSON</b> of a typical reply ({@link CanonicalJson#bytes}, the bytes a seal
 *       covers); baseline: a plain Jackson mapper's {@code writeValueAsBytes} of the same reply
 *       (only the Java time module added, which the reply's instant needs).
 * </ul>
 *
 * <p>Inputs cycle through arrays of {@value #INPUTS} values drawn with a fixed seed, so that no
 * result is the same call repeated. Run through {@link DomainBenchmarkReport}, which states each
 * figure as a ratio to its baseline of the same run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class DomainBenchmark {

  static final int INPUTS = 4096;
  private static final long SEED = 7;

  private RoutingPolicy routing;
  private ProofType samePerson;
  private Map<DivisionCode, DepartmentId> unitOfStreet;
  private DivisionCode[] streets;

  private String[] validIds;
  private String[] legacyIds;
  private String[] invalidIds;
  private static final Pattern ID_SHAPE = Pattern.compile("\\d{17}[\\dX]");

  private ReplyContent reply;
  private ObjectMapper plainMapper;

  private int next;

  /** Builds the synthetic province, draws the streets, ID numbers and the reply. */
  @Setup
  public void prepare() {
    SyntheticDirectory province = SyntheticDirectory.province();
    routing = new RoutingPolicy(province.directory());
    samePerson = ReferenceData.catalogue().find(ProofTypeCode.of("SAME_PERSON")).orElseThrow();
    unitOfStreet = new HashMap<>(province.unitCovering());
    Random random = new Random(SEED);
    List<DivisionCode> all = province.streets();
    streets = new DivisionCode[INPUTS];
    for (int i = 0; i < INPUTS; i++) {
      streets[i] = all.get(random.nextInt(all.size()));
    }

    SyntheticCitizens citizens =
        new SyntheticCitizens(SEED, 1.0, province.directory(), province.divisions());
    validIds = new String[INPUTS];
    legacyIds = new String[INPUTS];
    invalidIds = new String[INPUTS];
    for (int i = 0; i < INPUTS; i++) {
      Citizen citizen = citizens.next();
      validIds[i] = citizen.idNumber().value();
      legacyIds[i] = citizen.legacyIdNumber().value();
      invalidIds[i] = invalid(validIds[i], i % 3);
    }
    requireSameAnswers();

    reply = typicalReply(citizens.next());
    plainMapper = JsonMapper.builder().addModule(new JavaTimeModule()).build();
  }

  /** The real path: the sub-bureau covering the street's county, then its station. */
  @Benchmark
  public RoutingDecision routeByHouseholdDivision() {
    return routing.route(samePerson, Optional.of(streets[advance()]));
  }

  /** Baseline: one hash lookup of the street's station. */
  @Benchmark
  public DepartmentId routeBaselineHashMap() {
    return unitOfStreet.get(streets[advance()]);
  }

  /** A valid 18-character number: shape, birth date, check character. */
  @Benchmark
  public CitizenIdNumber idNumberValid() {
    return CitizenIdNumber.of(validIds[advance()]);
  }

  /** A legacy 15-digit number, accepted and converted to its 18-character form. */
  @Benchmark
  public CitizenIdNumber idNumberLegacyToEighteen() {
    return CitizenIdNumber.of(legacyIds[advance()]).toEighteen();
  }

  /** An invalid number, refused: a third each wrong check character, date, shape. */
  @Benchmark
  public String idNumberInvalid() {
    try {
      return CitizenIdNumber.of(invalidIds[advance()]).value();
    } catch (InvalidValueException refused) {
      return refused.code();
    }
  }

  /** Baseline: the shape of an 18-character number, by a precompiled regular expression. */
  @Benchmark
  public boolean idShapeRegex() {
    return ID_SHAPE.matcher(validIds[advance()]).matches();
  }

  /** The same shape check by {@link String#matches}, which compiles the expression every time. */
  @Benchmark
  public boolean idShapeByStringMatches() {
    return validIds[advance()].matches("\\d{17}[\\dX]");
  }

  /** The canonical bytes a seal covers. */
  @Benchmark
  public byte[] canonicalJson() {
    return CanonicalJson.bytes(reply);
  }

  /** Baseline: a plain Jackson mapper writing the same reply. */
  @Benchmark
  public byte[] plainJacksonBytes() throws JsonProcessingException {
    return plainMapper.writeValueAsBytes(reply);
  }

  private int advance() {
    next = (next + 1) & (INPUTS - 1);
    return next;
  }

  /** Refuses to measure if the routing and the answer key, or the ID inputs, disagree. */
  private void requireSameAnswers() {
    for (DivisionCode street : streets) {
      RoutingDecision decision = routing.route(samePerson, Optional.of(street));
      if (!(decision instanceof RoutingDecision.Routed routed)
          || !routed.unit().equals(unitOfStreet.get(street))) {
        throw new IllegalStateException(
            street + " routes to " + decision + ", not to " + unitOfStreet.get(street));
      }
    }
    for (int i = 0; i < INPUTS; i++) {
      CitizenIdNumber legacy = CitizenIdNumber.of(legacyIds[i]);
      if (!legacy.toEighteen().value().equals(validIds[i])) {
        throw new IllegalStateException(legacyIds[i] + " is not the legacy form of " + validIds[i]);
      }
      try {
        CitizenIdNumber.of(invalidIds[i]);
        throw new IllegalStateException(invalidIds[i] + " was accepted");
      } catch (InvalidValueException expected) {
        // Refused, as it must be.
      }
    }
  }

  /** An invalid variant of a valid number. */
  private static String invalid(String valid, int kind) {
    return switch (kind) {
      case 0 -> {
        char check = valid.charAt(17);
        yield valid.substring(0, 17) + (check == '0' ? '1' : check == 'X' ? '0' : 'X');
      }
      case 1 -> {
        String first17 = valid.substring(0, 10) + "1332" + valid.substring(14, 17);
        yield first17 + CitizenIdNumber.checkCharacter(first17);
      }
      default -> valid.substring(0, 9) + "A" + valid.substring(10);
    };
  }

  /** A confirmed same-person reply with two facts, the size of the demo's. */
  private static ReplyContent typicalReply(Citizen citizen) {
    return new ReplyContent(
        RequestId.of("VR-0123456789ABCDEFGHJK"),
        ProofTypeCode.of("SAME_PERSON"),
        citizen.toSubject(),
        new Matter("HOUSING-SUBSIDY", "CASE-2026-0001"),
        "两个身份证号码是否为同一人",
        ReplyOutcome.CONFIRMED,
        "经核查，" + citizen.name() + "（身份证号码 " + citizen.idNumber().masked() + "）与旧号码系同一人。",
        Map.of("householdNumber", "350102001-0042", "registeredSince", "2001-05"),
        DepartmentId.of("FZ-PSB-GULOU-SHUIBU"),
        "王警官",
        Instant.parse("2026-11-23T09:30:00Z"));
  }
}
