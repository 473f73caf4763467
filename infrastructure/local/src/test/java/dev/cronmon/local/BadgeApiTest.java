package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * Status badges (docs/semantics.md rules G1–G3) over HTTP: public URLs with the project's badge key, in healthchecks'
 * three states and three formats; the SVG is well-formed XML whatever the monitor's name; the key shows only its own
 * project's monitors, rotates, and a badge costs no write.
 */
class BadgeApiTest extends LocalStackTestBase {
  private static final String HOSTILE_NAME = "</text><script>alert(\"x\")</script> & 'co' ]]> <!--";

  private String key;

  @BeforeAll
  void monitorsInEveryState() {
    // 10:00: steady (next slot 11:00), every-20 (next slot 10:20, margin 10), broken (an open incident), hostile.
    checkIn("steady", "ok", "{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 * * * *\"}}");
    checkIn("every-20", "ok", "{\"schedule\":{\"type\":\"crontab\",\"value\":\"*/20 * * * *\"},\"checkin_margin\":10}");
    checkIn("broken", "error", "{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 * * * *\"}}");
    Response created = api("POST", orgPath("/monitors/"), "{\"name\":\"" + HOSTILE_NAME.replace("\"", "\\\"")
        + "\",\"slug\":\"hostile\",\"config\":{\"schedule_type\":\"crontab\",\"schedule\":\"0 * * * *\"}}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    checkIn("hostile", "ok", null);
    api("POST", orgPath("/projects/"), "{\"name\":\"Second\",\"slug\":\"second\"}");
    Response elsewhere = api("POST", orgPath("/monitors/"), "{\"name\":\"Elsewhere\",\"project\":\"second\","
        + "\"config\":{\"schedule_type\":\"crontab\",\"schedule\":\"0 * * * *\"}}");
    assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(201);
    Response k = api("GET", "/api/0/projects/" + org + "/default/badge-key/", null);
    assertThat(k.status()).as(k.body()).isEqualTo(200);
    key = k.json().get("key").asText();
  }

  private void checkIn(String slug, String status, String config) {
    Response r = api("POST", orgPath("/monitors/" + slug + "/checkins/"),
        "{\"status\":\"" + status + "\"" + (config == null ? "" : ",\"monitor_config\":" + config) + "}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  private Response badge(String path) {
    return send("GET", path, null);
  }

  @Test
  void theKey_isStable_andItsUrlsArePublic() {
    JsonNode again = api("GET", "/api/0/projects/" + org + "/default/badge-key/", null).json();

    assertThat(again.get("key").asText()).isEqualTo(key).hasSizeGreaterThanOrEqualTo(22);
    assertThat(again.get("project").get("svg").asText()).endsWith("/badge/" + key + ".svg");
    assertThat(again.get("monitor").get("shields").asText()).endsWith("/badge/" + key + "/{slug}.shields");
  }

  @Test
  void eachMonitor_showsItsState_inEveryFormat_withShortCaching() {
    clock.set(java.time.Instant.parse("2026-03-02T10:25:00Z")); // every-20's 10:20 slot has passed, within its margin

    assertThat(badge("/badge/" + key + "/steady.json").json().get("status").asText()).isEqualTo("up");
    assertThat(badge("/badge/" + key + "/every-20.json").json().get("status").asText()).isEqualTo("late");
    assertThat(badge("/badge/" + key + "/broken.json").json().get("status").asText()).isEqualTo("down");
    JsonNode project = badge("/badge/" + key + ".json").json();
    assertThat(project.get("status").asText()).isEqualTo("down");
    assertThat(project.get("label").asText()).isEqualTo("Default");
    assertThat(project.get("total").asInt()).isEqualTo(4);
    assertThat(project.get("grace").asInt()).isEqualTo(1);
    assertThat(project.get("down").asInt()).isEqualTo(1);
    JsonNode shields = badge("/badge/" + key + "/every-20.shields").json();
    assertThat(shields.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(shields.get("label").asText()).isEqualTo("every-20");
    assertThat(shields.get("message").asText()).isEqualTo("late");
    assertThat(shields.get("color").asText()).isEqualTo("important");
    Response svg = badge("/badge/" + key + "/broken.svg");
    assertThat(svg.status()).isEqualTo(200);
    assertThat(svg.headers().get("content-type")).containsExactly("image/svg+xml");
    assertThat(svg.headers().get("cache-control")).containsExactly("public, max-age=30");
    assertThat(svg.body()).contains(">down<", "#e05d44");

    clock.set(java.time.Instant.parse("2026-03-02T10:00:00Z"));
  }

  @Test
  void theSvg_isWellFormedXml_withAHostileName_shownAsText() throws Exception {
    Response svg = badge("/badge/" + key + "/hostile.svg");

    assertThat(svg.status()).as(svg.body()).isEqualTo(200);
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.body().getBytes(StandardCharsets.UTF_8)));
    assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
    assertThat(doc.getElementsByTagNameNS("*", "script").getLength()).as("the name is text, no element").isZero();
    assertThat(doc.getElementsByTagNameNS("*", "title").item(0).getTextContent()).isEqualTo(HOSTILE_NAME + ": up");
    assertThat(doc.getElementsByTagNameNS("*", "text").item(0).getTextContent()).isEqualTo(HOSTILE_NAME);
  }

  @Test
  void aKey_showsOnlyItsOwnProjectsMonitors_andUnknownBadgesAreOne404_writingNothing() {
    var before = tableItems();

    Response otherProject = badge("/badge/" + key + "/elsewhere.svg");
    Response unknownSlug = badge("/badge/" + key + "/no-such-job.svg");
    Response unknownKey = badge("/badge/" + "A".repeat(22) + "/steady.svg");
    Response unknownProjectKey = badge("/badge/" + "A".repeat(22) + ".json");
    Response badFormat = badge("/badge/" + key + "/steady.png");
    Response noFormat = badge("/badge/" + key + "/steady");
    Response pingKeyAsBadgeKey = badge("/badge/" + api("GET", "/api/0/projects/" + org + "/default/ping-keys/", null).json().get(0).get("key").asText()
        + "/steady.svg");
    String secondKey = api("GET", "/api/0/projects/" + org + "/second/badge-key/", null).json().get("key").asText();
    Response secondsProject = badge("/badge/" + secondKey + ".json");
    Response secondsOther = badge("/badge/" + secondKey + "/steady.json");

    for (Response r : java.util.List.of(otherProject, unknownSlug, unknownKey, unknownProjectKey, badFormat, noFormat, pingKeyAsBadgeKey, secondsOther)) {
      assertThat(r.status()).as(r.body()).isEqualTo(404);
      assertThat(r.body()).doesNotContain("Elsewhere", "steady", "Default");
    }
    assertThat(secondsProject.json().get("label").asText()).isEqualTo("Second");
    assertThat(secondsProject.json().get("total").asInt()).as("Elsewhere has no environment yet").isZero();
    assertThat(badge("/badge/" + secondKey + "/elsewhere.json").json().get("status").asText()).isEqualTo("up");
    before = tableItems(); // the second project's key was made on its first read
    badge("/badge/" + key + "/steady.svg");
    badge("/badge/" + key + ".shields");
    assertThat(tableItems()).as("a badge writes nothing").isEqualTo(before);
  }

  @Test
  void rotatingTheKey_endsTheOldUrlsAtOnce_andNeedsWrite() {
    String readToken = api("POST", orgPath("/api-tokens/"), "{\"name\":\"reader\",\"scopes\":[\"org:read\"]}").json().get("token").asText();
    api("POST", orgPath("/projects/"), "{\"name\":\"Rotated\",\"slug\":\"rotated\"}");
    String old = api("GET", "/api/0/projects/" + org + "/rotated/badge-key/", null).json().get("key").asText();
    assertThat(badge("/badge/" + old + ".svg").status()).isEqualTo(200);

    Response refused = send("POST", "/api/0/projects/" + org + "/rotated/badge-key/", null, "Authorization", "Bearer " + readToken);
    Response rotated = api("POST", "/api/0/projects/" + org + "/rotated/badge-key/", null);

    assertThat(refused.status()).isEqualTo(403);
    assertThat(rotated.status()).as(rotated.body()).isEqualTo(201);
    String next = rotated.json().get("key").asText();
    assertThat(next).isNotEqualTo(old);
    assertThat(badge("/badge/" + old + ".svg").status()).isEqualTo(404);
    assertThat(badge("/badge/" + next + ".svg").status()).isEqualTo(200);
    assertThat(api("GET", "/api/0/projects/" + org + "/rotated/badge-key/", null).json().get("key").asText()).isEqualTo(next);
  }

  @Test
  void deletingAProject_deletesItsBadgeKey() {
    api("POST", orgPath("/projects/"), "{\"name\":\"Gone\",\"slug\":\"gone\"}");
    String gone = api("GET", "/api/0/projects/" + org + "/gone/badge-key/", null).json().get("key").asText();

    assertThat(api("DELETE", "/api/0/projects/" + org + "/gone/", null).status()).isEqualTo(204);

    assertThat(badge("/badge/" + gone + ".json").status()).isEqualTo(404);
    assertThat(tableItems()).noneMatch(i -> i.get("PK").s().contains(gone));
  }
}
