package org.proofassist.hub.core.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.proofassist.hub.core.common.InvalidValueException;

class DivisionCodeTest {

  @Test
  void streetCodeHasNineDigitsAndLiesInItsCountyAndCity() {
    DivisionCode shuibu = DivisionCode.of("350102008");

    assertThat(shuibu.isStreetLevel()).isTrue();
    assertThat(shuibu.county()).isEqualTo(DivisionCode.of("350102"));
    assertThat(shuibu.city()).isEqualTo(DivisionCode.of("350100"));
    assertThat(shuibu.street()).contains(shuibu);
  }

  @Test
  void countyCodeHasSixDigitsAndNamesNoStreet() {
    DivisionCode gulou = DivisionCode.of("350102");

    assertThat(gulou.isStreetLevel()).isFalse();
    assertThat(gulou.county()).isEqualTo(gulou);
    assertThat(gulou.city()).isEqualTo(DivisionCode.of("350100"));
    assertThat(gulou.street()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"35010", "3501020", "35010200", "3501020080", "35O102", "350-02", "001234"})
  void codeOfTheWrongShapeIsRefused(String value) {
    assertThatThrownBy(() -> DivisionCode.of(value))
        .isInstanceOfSatisfying(
            InvalidValueException.class, e -> assertThat(e.code()).isEqualTo("DIVISION_FORMAT"));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void missingCodeIsRefused(String value) {
    assertThatThrownBy(() -> DivisionCode.of(value))
        .isInstanceOfSatisfying(
            InvalidValueException.class, e -> assertThat(e.code()).isEqualTo("DIVISION_MISSING"));
  }

  @ParameterizedTest(name = "{0} covers {1}: {2}")
  @CsvSource({
    "350000, 350102008, true",
    "350000, 350102, true",
    "350000, 360102008, false",
    "350100, 350102008, true",
    "350100, 350103, true",
    "350100, 350202, false",
    "350102, 350102008, true",
    "350102, 350102, true",
    "350102, 350103009, false",
    "350102008, 350102008, true",
    "350102008, 350102004, false",
    "350102008, 350102, false",
    "321000, 321002, true",
    "321000, 320102, false"
  })
  void divisionCoversWhatLiesWithinIt(String outer, String inner, boolean covers) {
    assertThat(DivisionCode.of(outer).covers(DivisionCode.of(inner))).isEqualTo(covers);
  }

  @Test
  void textFormIsTheBareCode() {
    assertThat(DivisionCode.of("350102008")).hasToString("350102008");
  }
}
