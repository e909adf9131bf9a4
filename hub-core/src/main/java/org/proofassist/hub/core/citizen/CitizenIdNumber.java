package org.proofassist.hub.core.citizen;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.DateTimeException;
import java.time.LocalDate;
import org.proofassist.hub.core.common.InvalidValueException;

/**
 * A resident identity card number (GB 11643-1999): 18 characters whose last is a check character
 * over the first 17, or a legacy 15-digit number (two-digit birth year, no check character) that
 * converts to 18 digits.
 */
public record CitizenIdNumber(@JsonValue String value) {

  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final char[] CHECK_CHARACTERS = "10X98765432".toCharArray();

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public CitizenIdNumber {
    if (value == null || value.isBlank()) {
      throw new InvalidValueException("ID_NUMBER_MISSING", "an ID number is required");
    }
    value = value.strip().toUpperCase();
    if (value.length() == 18) {
      if (!value.matches("\\d{17}[\\dX]")) {
        throw new InvalidValueException(
            "ID_NUMBER_FORMAT", "an 18-character ID number is 17 digits and a digit or X");
      }
      requireBirthDate(value.substring(6, 14));
      char expected = checkCharacter(value.substring(0, 17));
      if (value.charAt(17) != expected) {
        throw new InvalidValueException(
            "ID_NUMBER_CHECK_DIGIT",
            "the check character of this ID number is wrong (expected " + expected + ")");
      }
    } else if (value.length() == 15) {
      if (!value.matches("\\d{15}")) {
        throw new InvalidValueException(
            "ID_NUMBER_FORMAT", "a legacy 15-digit ID number is digits only");
      }
      requireBirthDate("19" + value.substring(6, 12));
    } else {
      throw new InvalidValueException(
          "ID_NUMBER_FORMAT", "an ID number has 18 characters (or 15 digits for a legacy one)");
    }
  }

  public static CitizenIdNumber of(String value) {
    return new CitizenIdNumber(value);
  }

  /** Computes the GB 11643 check character for the first 17 digits of an ID number. */
  public static char checkCharacter(String first17Digits) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17Digits.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK_CHARACTERS[sum % 11];
  }

  public boolean isLegacy() {
    return value.length() == 15;
  }

  /** The 18-character form: itself, or the legacy number with "19" and a check character added. */
  public CitizenIdNumber toEighteen() {
    if (!isLegacy()) {
      return this;
    }
    String first17 = value.substring(0, 6) + "19" + value.substring(6);
    return new CitizenIdNumber(first17 + checkCharacter(first17));
  }

  /** Whether two numbers denote the same card holder once both are in 18-character form. */
  public boolean sameHolderAs(CitizenIdNumber other) {
    return toEighteen().value.equals(other.toEighteen().value);
  }

  public LocalDate birthDate() {
    String eighteen = toEighteen().value;
    return LocalDate.of(
        Integer.parseInt(eighteen.substring(6, 10)),
        Integer.parseInt(eighteen.substring(10, 12)),
        Integer.parseInt(eighteen.substring(12, 14)));
  }

  /** The number with the birth date and serial hidden: {@code 350102********1236}. */
  public String masked() {
    return value.substring(0, 6)
        + "*".repeat(value.length() - 10)
        + value.substring(value.length() - 4);
  }

  private static void requireBirthDate(String yyyymmdd) {
    try {
      LocalDate date =
          LocalDate.of(
              Integer.parseInt(yyyymmdd.substring(0, 4)),
              Integer.parseInt(yyyymmdd.substring(4, 6)),
              Integer.parseInt(yyyymmdd.substring(6, 8)));
      if (date.getYear() < 1850) {
        throw new InvalidValueException(
            "ID_NUMBER_BIRTH_DATE", "the birth date in this ID number is not plausible");
      }
    } catch (DateTimeException e) {
      throw new InvalidValueException(
          "ID_NUMBER_BIRTH_DATE", "the birth date in this ID number is not a real date");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
