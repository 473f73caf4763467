package dev.cronmon.local;

import static dev.cronmon.local.SentryWire.checkInJson;
import static dev.cronmon.local.SentryWire.envelope;
import static dev.cronmon.local.SentryWire.hourly;
import static dev.cronmon.local.SentryWire.sentryAuth;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.domain.processing.ProcessingErrorType;
import dev.cronmon.domain.tenant.DsnKey;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Check-in ids (docs/semantics.md rules C3, C4) on each of the three check-in paths over real HTTP: 32-hex and
 * dashed ids are one id; the all-zero id or none means the newest open run, else a new check-in; an id of another
 * monitor, environment or project is refused and nothing is written.
 */
class CheckInIdsOnEveryPathTest extends EveryCheckInPathTestBase {
  @ParameterizedTest
  @EnumSource(Path.class)
  void hexAndDashedIds_nameTheSameRun(Path path) {
    String slug = slug(path, "hex");
    create(slug);
    UUID id = UUID.randomUUID();

    Response open = checkIn(path, slug, "in_progress", id.toString().replace("-", ""), null);
    Response close = checkIn(path, slug, "ok", id.toString().toUpperCase(), null);

    assertThat(accepted(open)).as(open.body()).isTrue();
    assertThat(accepted(close)).as(close.body()).isTrue();
    JsonNode history = checkIns(slug);
    assertThat(history).hasSize(2);
    assertThat(byId(history, id).get("status").asText()).isEqualTo("ok");
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void nilIdOrNoId_closesTheNewestOpenRun(Path path) {
    String slug = slug(path, "newest");
    create(slug);
    UUID older = UUID.randomUUID();
    UUID newer = UUID.randomUUID();
    checkIn(path, slug, "in_progress", older.toString(), null);
    clock.advance(Duration.ofMinutes(2));
    checkIn(path, slug, "in_progress", newer.toString(), null);

    Response byNil = checkIn(path, slug, "error", NIL, null);
    JsonNode afterNil = checkIns(slug);
    Response byNone = checkIn(path, slug, "ok", null, null);

    assertThat(accepted(byNil)).as(byNil.body()).isTrue();
    assertThat(byId(afterNil, newer).get("status").asText()).isEqualTo("error");
    assertThat(byId(afterNil, older).get("status").asText()).isEqualTo("in_progress");
    assertThat(accepted(byNone)).as(byNone.body()).isTrue();
    JsonNode history = checkIns(slug);
    assertThat(history).hasSize(3);
    assertThat(byId(history, older).get("status").asText()).isEqualTo("ok");
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void nilId_withNoOpenRun_makesANewCheckIn(Path path) {
    String slug = slug(path, "nil-new");
    create(slug);

    Response r = checkIn(path, slug, "ok", NIL, null);

    assertThat(accepted(r)).as(r.body()).isTrue();
    JsonNode history = checkIns(slug);
    assertThat(history).hasSize(2);
    assertThat(history.get(0).get("id").asText()).isNotEqualTo(new UUID(0, 0).toString());
    assertThat(history.get(0).get("status").asText()).isEqualTo("ok");
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void idOfAnotherMonitor_isRefused_andWritesNothing(Path path) {
    String owner = slug(path, "owner");
    String other = slug(path, "intruder");
    create(owner);
    create(other);
    UUID id = UUID.randomUUID();
    assertThat(accepted(checkIn(path, owner, "in_progress", id.toString(), null))).isTrue();
    var before = tableItems();

    Response r = checkIn(path, other, "ok", id.toString(), null);

    JsonNode error = assertRefused(path, r, before, 400, ProcessingErrorType.CHECKIN_GUID_PROJECT_MISMATCH);
    if (path == Path.ORG_API) assertThat(r.json().get("detail").asText()).contains("another monitor");
    else assertThat(error.get("errors").get(0).get("guid").asText()).isEqualTo(id.toString().replace("-", ""));
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void idOfAnotherEnvironment_isRefused_andWritesNothing(Path path) {
    String slug = slug(path, "env-owner");
    create(slug);
    UUID id = UUID.randomUUID();
    assertThat(accepted(checkIn(path, slug, "in_progress", id.toString(), "staging"))).isTrue();
    var before = tableItems();

    Response r = checkIn(path, slug, "ok", id.toString(), "production");

    JsonNode error = assertRefused(path, r, before, 400, ProcessingErrorType.CHECKIN_ENVIRONMENT_MISMATCH);
    if (path == Path.ORG_API) assertThat(r.json().get("detail").asText()).contains("another monitor or environment");
    else assertThat(error.get("errors").get(0).get("existingEnvironment").asText()).isEqualTo("staging");
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void idOfAnotherProject_andAMonitorOfAnotherProject_areRefused_andWriteNothing(Path path) {
    DsnKey foreign = SentryWire.keyOfAnotherProject(stack.services().store(), clock, org);
    String theirs = slug(path, "their-job");
    String ours = slug(path, "our-job");
    create(ours);
    UUID theirRun = UUID.randomUUID();
    Response opened = send(HttpRequest.newBuilder(URI.create(stack.baseUri() + "/api/" + foreign.projectId() + "/envelope/"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(envelope("{}").checkIn(checkInJson(theirs, "in_progress", theirRun.toString(), hourly())).bytes()))
        .header("X-Sentry-Auth", sentryAuth(foreign.publicKey())).build());
    assertThat(opened.status()).as(opened.body()).isEqualTo(200);
    var before = tableItems();

    Response theirIdOnOurMonitor = checkIn(path, ours, "ok", theirRun.toString(), null);

    assertRefused(path, theirIdOnOurMonitor, before, 400, ProcessingErrorType.CHECKIN_GUID_PROJECT_MISMATCH);
    if (path != Path.ORG_API) { // a token speaks for the whole organization; a DSN key only for its project
      var beforeTheirs = tableItems();
      Response ourKeyOnTheirMonitor = checkIn(path, theirs, "ok", null, null);
      // To our project, their monitor does not exist: the error is in our project's list, never in their monitor's.
      JsonNode error = assertOnlyAProcessingErrorWritten(beforeTheirs, ProcessingErrorType.MONITOR_NOT_FOUND);
      assertThat(error.get("checkin").get("projectId").asText()).isEqualTo(stack.credentials().projectId());
      assertThat(ourKeyOnTheirMonitor.status()).isEqualTo(path == Path.ENVELOPE ? 200 : 202);
    }
  }
}
