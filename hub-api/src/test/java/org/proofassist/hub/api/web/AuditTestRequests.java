package org.proofassist.hub.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.proofassist.hub.api.HubClient;
import org.proofassist.hub.api.HubClient.Answer;
import org.proofassist.hub.fixtures.Citizen;
import org.proofassist.hub.fixtures.SyntheticCitizens;

/**
 * Requests raised through the API for the audit and supervisor tests, about citizens of their own.
 */
final class AuditTestRequests {

  /** 水部街道: answered by 水部派出所, under 鼓楼分局 (gulou.supervisor). */
  static final String SHUIBU_STREET = "350102008";

  /** 洪山镇: no police station covers it, so 鼓楼分局 must dispatch. */
  static final String UNCOVERED_TOWN = "350102010";

  private AuditTestRequests() {}

  /** A citizen no other test raises requests about. */
  static Citizen aNewCitizen() {
    return SyntheticCitizens.withSeed(UUID.randomUUID().getMostSignificantBits(), 0.0)
        .next(1)
        .get(0);
  }

  /** A household-registration request about {@code citizen}, registered in {@code division}. */
  static String raise(HubClient api, Citizen citizen, String division) {
    Answer raised =
        api.post(
            "window.clerk",
            "/api/v1/requests",
            Map.of(
                "proofType",
                "HOUSEHOLD_REGISTRATION",
                "subject",
                Map.of(
                    "name", citizen.name(),
                    "idNumber", citizen.idNumber().value(),
                    "householdDivision", division),
                "matter",
                Map.of("code", "EMPLOYMENT")),
            Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(raised.status()).as(raised.raw().body()).isEqualTo(201);
    return raised.text("/id");
  }

  /** Waits up to 15 s, looking every 50 ms, for {@code condition}; fails if it never holds. */
  static void waitUntil(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 15 s for " + what).isLessThan(deadline);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * Waits until the audit search by ID number finds {@code requestId} (the index is a projection).
   */
  static void awaitSearchable(HubClient api, Citizen citizen, String requestId) {
    waitUntil(
        "the search by ID number to find " + requestId,
        () ->
            api.get(
                    "auditor",
                    "/api/v1/audit/requests?purpose=test-wait&idNumber="
                        + citizen.idNumber().value())
                .raw()
                .body()
                .contains(requestId));
  }
}
