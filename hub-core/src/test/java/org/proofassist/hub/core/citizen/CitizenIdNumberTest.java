package org.proofassist.hub.core.citizen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.proofassist.hub.core.common.InvalidValueException;

class CitizenIdNumberTest {

  private static final String DEMO = "350102196805121236";
  private static final String DEMO_LEGACY = "350102680512123";

  @Test
  void eighteenDigitNumberWithTheRightCheckDigitIsAccepted() {
    CitizenIdNumber number = CitizenIdNumber.of(DEMO);

    assertThat(number.value()).isEqualTo(DEMO);
    assertThat(number.isLegacy()).isFalse();
    assertThat(number.birthDate()).isEqualTo(LocalDate.of(1968, 5, 12));
  }

  @Test
  void numberWhoseCheckCharacterIsXIsAccepted() {
    assertThat(CitizenIdNumber.of("11010519491231002X").value()).isEqualTo("11010519491231002X");
  }

  @Test
  void lowerCaseXAndSurroundingSpacesAreNormalised() {
    assertThat(CitizenIdNumber.of(" 11010519491231002x "))
        .isEqualTo(CitizenIdNumber.of("11010519491231002X"));
  }

  @Test
  void checkCharacterFollowsGb11643() {
    assertThat(CitizenIdNumber.checkCharacter("35010219680512123")).isEqualTo('6');
    assertThat(CitizenIdNumber.checkCharacter("11010519491231002")).isEqualTo('X');
  }

  @Test
  void wrongCheckDigitIsRefusedNamingTheExpectedOne() {
    assertThatThrownBy(() -> CitizenIdNumber.of("350102196805121235"))
        .isInstanceOfSatisfying(
            InvalidValueException.class,
            e -> {
              assertThat(e.code()).isEqualTo("ID_NUMBER_CHECK_DIGIT");
              assertThat(e.getMessage()).contains("expected 6");
            });
  }

  @Test
  void xWhereADigitIsDueIsRefused() {
    assertInvalid("35010219680512123X", "ID_NUMBER_CHECK_DIGIT");
  }

  @Test
  void birthDateThatDoesNotExistIsRefused() {
    assertInvalid("350102196802301231", "ID_NUMBER_BIRTH_DATE");
    assertInvalid("35010219681301123X", "ID_NUMBER_BIRTH_DATE");
  }

  @Test
  void birthYearBefore1850IsRefusedAsImplausible() {
    assertInvalid("350102180005121231", "ID_NUMBER_BIRTH_DATE");
  }

  @Test
  void legacyNumberWithImpossibleBirthDateIsRefused() {
    assertInvalid("350102680230123", "ID_NUMBER_BIRTH_DATE");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "35010219680512123",
        "3501021968051212366",
        "35010219680512123A",
        "3501021968051212X6",
        "35010268051212X",
        "3501026805121234"
      })
  void numberOfTheWrongShapeIsRefused(String value) {
    assertInvalid(value, "ID_NUMBER_FORMAT");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   "})
  void missingNumberIsRefused(String value) {
    assertInvalid(value, "ID_NUMBER_MISSING");
  }

  @Test
  void legacyNumberConvertsToTheKnownEighteenDigitNumber() {
    CitizenIdNumber legacy = CitizenIdNumber.of(DEMO_LEGACY);

    assertThat(legacy.isLegacy()).isTrue();
    assertThat(legacy.toEighteen()).isEqualTo(CitizenIdNumber.of(DEMO));
  }

  @Test
  void eighteenDigitNumberIsItsOwnEighteenDigitForm() {
    CitizenIdNumber number = CitizenIdNumber.of(DEMO);

    assertThat(number.toEighteen()).isSameAs(number);
  }

  @Test
  void legacyAndCurrentNumberDenoteTheSameHolder() {
    CitizenIdNumber legacy = CitizenIdNumber.of(DEMO_LEGACY);
    CitizenIdNumber current = CitizenIdNumber.of(DEMO);

    assertThat(legacy.sameHolderAs(current)).isTrue();
    assertThat(current.sameHolderAs(legacy)).isTrue();
    assertThat(legacy).isNotEqualTo(current);
    assertThat(legacy.birthDate()).isEqualTo(LocalDate.of(1968, 5, 12));
  }

  @Test
  void numbersOfDifferentPeopleDenoteDifferentHolders() {
    assertThat(CitizenIdNumber.of(DEMO).sameHolderAs(CitizenIdNumber.of("11010519491231002X")))
        .isFalse();
  }

  @Test
  void maskedNumberShowsOnlyTheFirstFourAndTheLastFour() {
    assertThat(CitizenIdNumber.of(DEMO).masked()).isEqualTo("350102********1236");
    assertThat(CitizenIdNumber.of(DEMO_LEGACY).masked()).isEqualTo("350102*****2123");
  }

  @Test
  void textFormIsTheBareNumber() {
    assertThat(CitizenIdNumber.of(DEMO)).hasToString(DEMO);
  }

  private static void assertInvalid(String value, String code) {
    assertThatThrownBy(() -> CitizenIdNumber.of(value))
        .isInstanceOfSatisfying(
            InvalidValueException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
