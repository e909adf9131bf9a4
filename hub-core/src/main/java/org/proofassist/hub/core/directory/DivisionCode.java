package org.proofassist.hub.core.directory;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.proofassist.hub.core.common.InvalidValueException;

/**
 * An administrative division code (GB/T 2260 and its township extension): 6 digits for a province,
 * city or county, 9 digits for a township or street.
 */
public record DivisionCode(@JsonValue String value) {

  private static final Pattern FORMAT = Pattern.compile("\\d{6}|\\d{9}");

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public DivisionCode {
    if (value == null || value.isBlank()) {
      throw new InvalidValueException("DIVISION_MISSING", "a division code is required");
    }
    if (!FORMAT.matcher(value).matches()) {
      throw new InvalidValueException(
          "DIVISION_FORMAT",
          "a division code has 6 digits (county) or 9 digits (township or street)");
    }
    if (value.startsWith("00")) {
      throw new InvalidValueException("DIVISION_FORMAT", "no province has the code 00");
    }
  }

  public static DivisionCode of(String value) {
    return new DivisionCode(value);
  }

  public boolean isStreetLevel() {
    return value.length() == 9;
  }

  /** The county-level code this division lies in (itself when already county level). */
  public DivisionCode county() {
    return isStreetLevel() ? new DivisionCode(value.substring(0, 6)) : this;
  }

  /** The city-level code (the county code with its last two digits zeroed). */
  public DivisionCode city() {
    return new DivisionCode(value.substring(0, 4) + "00");
  }

  /** The street, when this is a street-level code. */
  public Optional<DivisionCode> street() {
    return isStreetLevel() ? Optional.of(this) : Optional.empty();
  }

  /** Whether {@code other} lies within this division (or is this division). */
  public boolean covers(DivisionCode other) {
    return other.value.startsWith(coveredPrefix());
  }

  /**
   * What the code of every division within this one starts with: the province's two digits for a
   * province ({@code 350000}), the city's four for a city ({@code 350100}), else the whole code.
   * Always 2, 4, 6 or 9 characters long, so the codes that cover a division are found among those
   * whose covered prefix is one of its {@link #prefixes()}.
   */
  String coveredPrefix() {
    if (value.endsWith("0000") && value.length() == 6) {
      return value.substring(0, 2);
    }
    if (value.endsWith("00") && value.length() == 6) {
      return value.substring(0, 4);
    }
    return value;
  }

  /** This code's first 2, 4 and 6 characters, and the whole code for a street. */
  List<String> prefixes() {
    return isStreetLevel()
        ? List.of(value.substring(0, 2), value.substring(0, 4), value.substring(0, 6), value)
        : List.of(value.substring(0, 2), value.substring(0, 4), value);
  }

  @Override
  public String toString() {
    return value;
  }
}
