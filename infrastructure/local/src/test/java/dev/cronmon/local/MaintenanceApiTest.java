package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Local integration (DynamoDB Local, real HTTP): the maintenance window routes (docs/api.md), their field errors, and a
 * window seen end to end by the stack's sweeper (docs/semantics.md rules M1–M3).
 */
class MaintenanceApiTest extends LocalStackTestBase {
  private static final String HOURLY = "\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 * * * *\"},\"checkin_margin\":1}";
  private final List<SNSEvent> delivered = new CopyOnWriteArrayList<>();

  /** The incident events delivered for {@code slug} (the other tests' monitors share the stack and its sweeps). */
  private long deliveredFor(String slug) {
    return delivered.stream().filter(e -> e.getRecords().get(0).getSNS().getMessage().contains("\"slug\":\"" + slug + "\"")).count();
  }

  @BeforeAll
  void subscribe() {
    stack.subscribe(delivered::add);
  }

  private JsonNode create(String body) {
    Response r = api("POST", orgPath("/maintenance-windows/"), body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  @Test
  void windows_areCreatedListedReplacedAndDeleted_withTheirPeriodUnderWayOrNext() {
    // GIVEN two monitors in the default project, one owned by team:ops
    clock.set(Instant.parse("2026-03-02T10:00:00Z"));
    api("POST", orgPath("/monitors/crud-a/checkins/"), "{\"status\":\"ok\"," + HOURLY + "}");
    api("POST", orgPath("/monitors/crud-b/checkins/"), "{\"status\":\"ok\"," + HOURLY + "}");
    api("PUT", orgPath("/monitors/crud-b/"), "{\"owner\":\"team:ops\"}");

    // WHEN a one-off window for crud-a, a recurring one in Berlin for the project, and one for team:ops are created
    JsonNode once = create("{\"name\":\"DB upgrade\",\"start\":\"2026-03-02T09:30:00Z\",\"end\":\"2026-03-02T11:00:00Z\",\"monitors\":[\"crud-a\"]}");
    JsonNode weekly = create("{\"name\":\"Sunday patching\",\"schedule\":\"30 2 * * SUN\",\"timezone\":\"Europe/Berlin\",\"duration\":90,\"project\":\"default\"}");
    JsonNode owned = create("{\"name\":\"Ops freeze\",\"start\":\"2026-03-03T00:00:00+01:00\",\"duration\":30,\"owner\":\"team:ops\"}");

    // THEN each shows its period: under way, next Sunday 02:30 CET, and tomorrow
    assertThat(once.get("active").asBoolean()).isTrue();
    assertThat(once.get("period").get("end").asText()).isEqualTo("2026-03-02T11:00:00Z");
    assertThat(once.get("duration").asInt()).isEqualTo(90);
    assertThat(weekly.get("active").asBoolean()).isFalse();
    assertThat(weekly.get("period").get("start").asText()).isEqualTo("2026-03-08T01:30:00Z");
    assertThat(weekly.get("project").asText()).isEqualTo("default");
    assertThat(weekly.get("timezone").asText()).isEqualTo("Europe/Berlin");
    assertThat(owned.get("start").asText()).isEqualTo("2026-03-02T23:00:00Z");
    // AND the listing for one monitor holds only the windows that apply to it, the one under way first
    assertThat(eachOf(orgPath("/maintenance-windows/?monitor=crud-a"), "name")).containsExactly("DB upgrade", "Sunday patching");
    assertThat(eachOf(orgPath("/maintenance-windows/?monitor=crud-b"), "name")).containsExactly("Ops freeze", "Sunday patching");
    assertThat(api("GET", orgPath("/maintenance-windows/?monitor=no-such-job"), null).status()).isEqualTo(404);

    // WHEN the one-off window is replaced, and the recurring one deleted
    Response replaced = api("PUT", orgPath("/maintenance-windows/" + once.get("id").asText() + "/"),
        "{\"name\":\"DB upgrade, later\",\"start\":\"2026-03-04T09:30:00Z\",\"duration\":15,\"monitors\":[\"crud-a\",\"crud-b\"]}");
    Response deleted = api("DELETE", orgPath("/maintenance-windows/" + weekly.get("id").asText() + "/"), null);

    // THEN the change shows, and the deleted one is gone
    assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
    assertThat(replaced.json().get("monitors")).hasSize(2);
    assertThat(replaced.json().get("active").asBoolean()).isFalse();
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(api("GET", orgPath("/maintenance-windows/" + weekly.get("id").asText() + "/"), null).status()).isEqualTo(404);
    assertThat(eachOf(orgPath("/maintenance-windows/?monitor=crud-b"), "name")).containsExactly("Ops freeze", "DB upgrade, later");
  }

  @Test
  void nonsense_isAFieldError_naming_theField_andWritesNothing() {
    api("POST", orgPath("/monitors/nonsense-job/checkins/"), "{\"status\":\"ok\"," + HOURLY + "}");
    var before = tableItems();

    Response zero = api("POST", orgPath("/maintenance-windows/"), "{\"name\":\"x\",\"start\":\"2026-03-02T10:00:00Z\",\"duration\":0,\"monitors\":[\"nonsense-job\"]}");
    Response negative = api("POST", orgPath("/maintenance-windows/"), "{\"name\":\"x\",\"schedule\":\"0 3 * * *\",\"duration\":-5,\"monitors\":[\"nonsense-job\"]}");
    Response zone = api("POST", orgPath("/maintenance-windows/"), "{\"name\":\"x\",\"schedule\":\"0 3 * * *\",\"timezone\":\"Mars/Olympus\",\"duration\":5,\"monitors\":[\"nonsense-job\"]}");
    Response crontab = api("POST", orgPath("/maintenance-windows/"), "{\"name\":\"x\",\"schedule\":\"0 25 * * *\",\"duration\":5,\"monitors\":[\"nonsense-job\"]}");
    Response empty = api("POST", orgPath("/maintenance-windows/"), "{\"name\":\"x\",\"schedule\":\"0 3 * * *\",\"duration\":5,\"monitors\":[]}");
    Response none = api("POST", orgPath("/maintenance-windows/"), "{\"name\":\"x\",\"schedule\":\"0 3 * * *\",\"duration\":5}");
    Response unknownMonitor = api("POST", orgPath("/maintenance-windows/"), "{\"name\":\"x\",\"schedule\":\"0 3 * * *\",\"duration\":5,\"monitors\":[\"never-created\"]}");
    Response unknownProject = api("POST", orgPath("/maintenance-windows/"), "{\"name\":\"x\",\"schedule\":\"0 3 * * *\",\"duration\":5,\"project\":\"nope\"}");
    Response notJson = api("POST", orgPath("/maintenance-windows/"), "{\"name\":");

    assertThat(zero.status()).isEqualTo(400);
    assertThat(zero.json().get("duration").get(0).asText()).isEqualTo("Ensure this value is greater than or equal to 1.");
    assertThat(negative.json().fieldNames()).toIterable().containsExactly("duration");
    assertThat(zone.json().get("timezone").get(0).asText()).isEqualTo("\"Mars/Olympus\" is not a valid choice.");
    assertThat(crontab.json().fieldNames()).toIterable().containsExactly("schedule");
    assertThat(empty.json().fieldNames()).toIterable().containsExactly("monitors");
    assertThat(none.json().fieldNames()).toIterable().containsExactly("monitors");
    assertThat(unknownMonitor.json().get("monitors").get(0).asText()).isEqualTo("Unknown monitor \"never-created\".");
    assertThat(unknownProject.json().fieldNames()).toIterable().containsExactly("project");
    for (Response r : List.of(negative, zone, crontab, empty, none, unknownMonitor, unknownProject, notJson)) {
      assertThat(r.status()).as(r.body()).isEqualTo(400);
    }
    assertThat(tableItems()).isEqualTo(before);
  }

  @Test
  void aSlotInAWindow_isShownAsInMaintenance_andAlertsNoOne_theNextSlotAfterIt_isMissedAndAlerts() {
    // GIVEN an hourly job that checked in at 10:20, and a window over its 11:00 slot
    clock.set(Instant.parse("2026-03-02T10:20:00Z"));
    api("POST", orgPath("/monitors/maintained-job/checkins/"), "{\"status\":\"ok\"," + HOURLY + "}");
    create("{\"name\":\"upgrade\",\"start\":\"2026-03-02T10:50:00Z\",\"end\":\"2026-03-02T11:30:00Z\",\"monitors\":[\"maintained-job\"]}");

    // WHEN 11:00 passes its deadline and the sweeper runs
    clock.set(Instant.parse("2026-03-02T11:01:00Z"));
    stack.sweep();

    // THEN the slot is unknown, marked as in maintenance, and nothing was delivered
    JsonNode slot = api("GET", orgPath("/monitors/maintained-job/checkins/"), null).json().get(0);
    assertThat(slot.get("status").asText()).isEqualTo("unknown");
    assertThat(slot.get("maintenance").asBoolean()).isTrue();
    assertThat(slot.get("expectedTime").asText()).isEqualTo("2026-03-02T11:00:00Z");
    assertThat(deliveredFor("maintained-job")).isZero();

    // WHEN the window is over and 12:00 passes unheard
    clock.set(Instant.parse("2026-03-02T12:01:00Z"));
    stack.sweep();

    // THEN it is missed and its incident is delivered
    JsonNode missed = api("GET", orgPath("/monitors/maintained-job/checkins/"), null).json().get(0);
    assertThat(missed.get("status").asText()).isEqualTo("missed");
    assertThat(missed.get("maintenance").asBoolean()).isFalse();
    assertThat(deliveredFor("maintained-job")).isEqualTo(1);
  }
}
