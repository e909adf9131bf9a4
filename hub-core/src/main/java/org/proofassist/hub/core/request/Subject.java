package org.proofassist.hub.core.request;

import java.util.List;
import java.util.Optional;
import org.proofassist.hub.core.citizen.CitizenIdNumber;
import org.proofassist.hub.core.common.InvalidValueException;
import org.proofassist.hub.core.directory.DivisionCode;

/**
 * The person a proof is about. Personal data: shown only to the departments involved and to
 * auditors.
 *
 * @param name full name
 * @param idNumber the current ID number
 * @param otherIdNumbers other numbers the person has held (e.g. a legacy 15-digit one)
 * @param householdDivision the household-registration division (street level where known)
 * @param address the household-registration address as written
 */
public record Subject(
    String name,
    CitizenIdNumber idNumber,
    List<CitizenIdNumber> otherIdNumbers,
    DivisionCode householdDivision,
    String address) {

  public Subject {
    if (name == null || name.isBlank()) {
      throw new InvalidValueException("NAME_MISSING", "the subject's name is required");
    }
    name = name.strip();
    if (name.length() > 100) {
      throw new InvalidValueException("NAME_TOO_LONG", "a name has at most 100 characters");
    }
    if (idNumber == null) {
      throw new InvalidValueException("ID_NUMBER_MISSING", "the subject's ID number is required");
    }
    otherIdNumbers = otherIdNumbers == null ? List.of() : List.copyOf(otherIdNumbers);
    if (otherIdNumbers.size() > 10) {
      throw new InvalidValueException("TOO_MANY_ID_NUMBERS", "at most 10 other ID numbers");
    }
    if (address != null && address.length() > 300) {
      throw new InvalidValueException("ADDRESS_TOO_LONG", "an address has at most 300 characters");
    }
  }

  public Optional<DivisionCode> division() {
    return Optional.ofNullable(householdDivision);
  }

  /** The name with all but the family name hidden, for lists. */
  public String maskedName() {
    return name.charAt(0) + "*".repeat(Math.max(1, name.codePointCount(0, name.length()) - 1));
  }
}
