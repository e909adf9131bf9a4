package org.proofassist.hub.projections.citizen;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proofassist.hub.core.citizen.CitizenIdNumber;
import org.proofassist.hub.core.request.RequestId;
import org.proofassist.hub.core.request.VerificationRequestRaised;
import org.proofassist.hub.fixtures.Actors;
import org.proofassist.hub.fixtures.Citizen;
import org.proofassist.hub.fixtures.Requests;
import org.proofassist.hub.fixtures.SyntheticCitizens;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Raises go in through the handler; a citizen's requests come out through the query handler. */
class CitizenRequestsProjectionTest {

  static final Instant NOW = Instant.parse("2026-06-01T02:00:00Z");
  static final Citizen MR_LIN = SyntheticCitizens.DEMO_CITIZEN;

  static MongoServer server;
  static MongoClient client;
  static MongoTemplate mongo;

  CitizenRequestsProjection projection;

  @BeforeAll
  static void startServer() {
    server = new MongoServer(new MemoryBackend());
    client = MongoClients.create(server.bindAndGetConnectionString());
    mongo = new MongoTemplate(client, "proofhub");
  }

  @AfterAll
  static void stopServer() {
    client.close();
    server.shutdownNow();
  }

  @BeforeEach
  void emptyView() {
    mongo.dropCollection(CitizenRequestsProjection.COLLECTION);
    projection = new CitizenRequestsProjection(mongo);
  }

  private static VerificationRequestRaised raisedAbout(Citizen citizen, Instant at) {
    return Requests.raisedFrom(
        Requests.aRaise(RequestId.random(), Requests.SAME_PERSON, citizen, Actors.WINDOW_CLERK),
        at);
  }

  private CitizenRequests requestsOf(CitizenIdNumber number) {
    return projection.handle(new FindCitizenRequests(number));
  }

  @Test
  void aCitizensRequestsAreFoundByTheCurrentNumberAndByTheLegacyOne() {
    Citizen other = SyntheticCitizens.withSeed(7L, 0.0).next(1).get(0);
    VerificationRequestRaised first = raisedAbout(MR_LIN, NOW);
    VerificationRequestRaised aboutOther = raisedAbout(other, NOW.plusSeconds(60));
    VerificationRequestRaised second = raisedAbout(MR_LIN, NOW.plusSeconds(120));
    projection.on(first);
    projection.on(aboutOther);
    projection.on(second);

    assertThat(requestsOf(MR_LIN.idNumber()).requestIds())
        .containsExactly(first.requestId().value(), second.requestId().value());
    assertThat(MR_LIN.legacyIdNumber()).as("the demo citizen's old 15-digit number").isNotNull();
    assertThat(requestsOf(MR_LIN.legacyIdNumber()).requestIds())
        .containsExactly(first.requestId().value(), second.requestId().value());
    assertThat(requestsOf(other.idNumber()).requestIds())
        .containsExactly(aboutOther.requestId().value());
  }

  @Test
  void aCitizenWithoutRequestsHasNone() {
    projection.on(raisedAbout(MR_LIN, NOW));
    Citizen stranger = SyntheticCitizens.withSeed(11L, 0.0).next(1).get(0);
    CitizenRequests none = requestsOf(stranger.idNumber());
    assertThat(none.id()).isEqualTo(stranger.idNumber().value());
    assertThat(none.requestIds()).isEmpty();
  }

  @Test
  void aRaiseDeliveredAgainIsListedOnce() {
    VerificationRequestRaised raised = raisedAbout(MR_LIN, NOW);
    projection.on(raised);
    projection.on(raised);
    assertThat(requestsOf(MR_LIN.idNumber()).requestIds())
        .containsExactly(raised.requestId().value());
  }

  @Test
  void aResetForgetsEverythingAndAReplayRebuildsTheSameView() {
    VerificationRequestRaised raised = raisedAbout(MR_LIN, NOW);
    projection.on(raised);
    projection.onReset();
    assertThat(requestsOf(MR_LIN.idNumber()).requestIds()).isEmpty();
    projection.on(raised);
    assertThat(requestsOf(MR_LIN.idNumber()).requestIds())
        .containsExactly(raised.requestId().value());
  }
}
