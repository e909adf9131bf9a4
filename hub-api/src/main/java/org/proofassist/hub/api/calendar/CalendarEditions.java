package org.proofassist.hub.api.calendar;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.proofassist.hub.core.calendar.CalendarChange;
import org.proofassist.hub.core.calendar.WorkingCalendar;
import org.proofassist.hub.fixtures.OfficialCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The editions of the working-day calendar (工作日历版本), kept in {@value #COLLECTION}: each edition is
 * the calendar file as installed, its SHA-256, who installed it and when, the days it changed
 * against the edition before, and how far the hub has got with counting the open requests'
 * deadlines again on it.
 *
 * <p>A new edition comes from the installation's calendar file (read at start: when it differs from
 * the last edition that came from the file) or from an administrator through the API. The edition
 * with the highest number is in force; every node reads it at start and checks for a newer one
 * periodically ({@link #refresh()}).
 */
public class CalendarEditions {

  /** The collection of calendar editions. */
  public static final String COLLECTION = "calendar_editions";

  /** Where an edition came from. */
  public static final String FROM_FILE = "file";

  public static final String FROM_API = "api";

  private static final Logger log = LoggerFactory.getLogger(CalendarEditions.class);

  private final MongoCollection<Document> editions;
  private final Clock clock;
  private volatile InForce inForce;

  /** The edition in force: its number and calendar. */
  record InForce(int edition, String sha256, WorkingCalendar calendar) {}

  /**
   * An installed edition as the administrator sees it.
   *
   * @param recount how far counting the open requests' deadlines again has got
   */
  public record Edition(
      int edition,
      String sha256,
      String source,
      String installedBy,
      Instant installedAt,
      List<CalendarChange> changes,
      Recount recount) {}

  /**
   * Counting the open requests' deadlines again on an edition.
   *
   * @param state {@code PENDING}, {@code RUNNING} or {@code DONE}
   * @param checked how many open requests were checked
   * @param finishedAt when it was done
   */
  public record Recount(String state, long checked, Instant finishedAt) {

    public static final String PENDING = "PENDING";
    public static final String RUNNING = "RUNNING";
    public static final String DONE = "DONE";
  }

  /**
   * Opens the editions and puts the newest in force; installs {@code file} as a new edition first
   * when it differs from the last edition that came from the file.
   */
  public CalendarEditions(MongoCollection<Document> editions, byte[] file, Clock clock) {
    this.editions = editions;
    this.clock = clock;
    String sha = sha256(file);
    Document lastFromFile =
        editions.find(eq("source", FROM_FILE)).sort(Sorts.descending("_id")).first();
    if (lastFromFile == null || !sha.equals(lastFromFile.getString("sha256"))) {
      install(file, FROM_FILE, "hub (calendar file)");
    } else {
      refresh();
    }
  }

  /** The calendar in force. */
  public WorkingCalendar calendar() {
    return inForce.calendar();
  }

  /** The number of the edition in force. */
  public int edition() {
    return inForce.edition();
  }

  /**
   * Installs a calendar as the next edition and puts it in force. Refused with an {@link
   * IllegalArgumentException} when it is not a valid calendar. Installing the edition in force
   * again changes nothing and returns it.
   */
  public Edition install(byte[] json, String source, String installedBy) {
    WorkingCalendar calendar;
    try {
      calendar = OfficialCalendar.parse(json);
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    String sha = sha256(json);
    while (true) {
      Document latest = latest();
      if (latest != null && sha.equals(latest.getString("sha256"))) {
        refresh();
        return edition(latest);
      }
      WorkingCalendar previous =
          latest == null
              ? calendar
              : OfficialCalendar.parse(
                  latest.getString("calendar").getBytes(StandardCharsets.UTF_8));
      int number = latest == null ? 1 : latest.getInteger("_id") + 1;
      List<CalendarChange> changes = calendar.changesSince(previous);
      Document document =
          new Document("_id", number)
              .append("sha256", sha)
              .append("calendar", new String(json, StandardCharsets.UTF_8))
              .append("source", source)
              .append("installedBy", installedBy)
              .append("installedAt", Date.from(clock.instant()))
              .append("changes", changes.stream().map(CalendarEditions::toDocument).toList())
              .append(
                  "recount",
                  new Document("state", changes.isEmpty() ? Recount.DONE : Recount.PENDING)
                      .append("checked", 0L));
      try {
        editions.insertOne(document);
      } catch (MongoWriteException e) {
        if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
          continue; // another node installed an edition at the same moment: compare with it
        }
        throw e;
      }
      inForce = new InForce(number, sha, calendar);
      log.info(
          "calendar edition {} installed from {} by {}: {} days changed",
          number,
          source,
          installedBy,
          changes.size());
      return edition(document);
    }
  }

  /** Puts the newest edition in force, if another node installed one; returns the one in force. */
  public int refresh() {
    Document latest = latest();
    if (latest == null) {
      throw new IllegalStateException("no calendar edition is installed");
    }
    InForce current = inForce;
    if (current == null || current.edition() != latest.getInteger("_id")) {
      inForce =
          new InForce(
              latest.getInteger("_id"),
              latest.getString("sha256"),
              OfficialCalendar.parse(
                  latest.getString("calendar").getBytes(StandardCharsets.UTF_8)));
      if (current != null) {
        log.info("calendar edition {} is now in force", latest.getInteger("_id"));
      }
    }
    return inForce.edition();
  }

  /** Every edition, newest first. */
  public List<Edition> all() {
    List<Edition> all = new ArrayList<>();
    for (Document document : editions.find().sort(Sorts.descending("_id"))) {
      all.add(edition(document));
    }
    return all;
  }

  /** One edition. */
  public Optional<Edition> find(int edition) {
    return Optional.ofNullable(editions.find(eq("_id", edition)).first())
        .map(CalendarEditions::edition);
  }

  /** The editions whose open requests have not all been counted again yet, oldest first. */
  List<Edition> awaitingRecount() {
    List<Edition> waiting = new ArrayList<>();
    for (Document document :
        editions.find(eq("recount.state", Recount.PENDING)).sort(Sorts.ascending("_id"))) {
      waiting.add(edition(document));
    }
    for (Document document :
        editions.find(eq("recount.state", Recount.RUNNING)).sort(Sorts.ascending("_id"))) {
      waiting.add(edition(document));
    }
    waiting.sort((a, b) -> Integer.compare(a.edition(), b.edition()));
    return waiting;
  }

  void recountStarted(int edition) {
    editions.updateOne(eq("_id", edition), Updates.set("recount.state", Recount.RUNNING));
  }

  void recountProgress(int edition, long checked) {
    editions.updateOne(eq("_id", edition), Updates.set("recount.checked", checked));
  }

  void recountDone(int edition, long checked) {
    editions.updateOne(
        eq("_id", edition),
        Updates.combine(
            Updates.set("recount.state", Recount.DONE),
            Updates.set("recount.checked", checked),
            Updates.set("recount.finishedAt", Date.from(clock.instant()))));
  }

  private Document latest() {
    return editions.find().sort(Sorts.descending("_id")).first();
  }

  private static Edition edition(Document document) {
    Document recount = document.get("recount", Document.class);
    List<CalendarChange> changes = new ArrayList<>();
    for (Document change : document.getList("changes", Document.class, List.of())) {
      changes.add(
          new CalendarChange(
              LocalDate.parse(change.getString("date")),
              change.getString("was"),
              change.getString("now")));
    }
    Date finished = recount == null ? null : recount.getDate("finishedAt");
    return new Edition(
        document.getInteger("_id"),
        document.getString("sha256"),
        document.getString("source"),
        document.getString("installedBy"),
        document.getDate("installedAt").toInstant(),
        changes,
        recount == null
            ? new Recount(Recount.DONE, 0, null)
            : new Recount(
                recount.getString("state"),
                ((Number) recount.get("checked")).longValue(),
                finished == null ? null : finished.toInstant()));
  }

  private static Document toDocument(CalendarChange change) {
    return new Document("date", change.date().toString())
        .append("was", change.was())
        .append("now", change.now());
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
