package org.proofassist.hub.core.directory;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;
import org.proofassist.hub.core.common.InvalidValueException;

/** A department's stable identifier, such as {@code FZ-PSB-GULOU-SHUIBU}. */
public record DepartmentId(@JsonValue String value) {

  private static final Pattern FORMAT = Pattern.compile("[A-Z0-9]+(-[A-Z0-9]+)*");

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public DepartmentId {
    if (value == null || value.isBlank()) {
      throw new InvalidValueException("DEPARTMENT_ID_MISSING", "a department id is required");
    }
    if (value.length() > 64 || !FORMAT.matcher(value).matches()) {
      throw new InvalidValueException(
          "DEPARTMENT_ID_FORMAT",
          "a department id is upper-case letters and digits joined by '-', at most 64 characters");
    }
  }

  public static DepartmentId of(String value) {
    return new DepartmentId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
