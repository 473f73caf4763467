package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.time.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Property layer over real HTTP against the local stack (AWS URL policy): whatever arrives at the channel and alert
 * rule routes is answered with a success or a 4xx, never a 5xx, and a refused request writes nothing. The test
 * notification route is left out on purpose: it would send to whatever a generated channel names.
 */
class ChannelRoutesProperties {
  private static LocalStack stack;
  private static String token;
  private static String channelId;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  record Call(String method, String path, String body) {}

  @BeforeContainer
  static void start() throws Exception {
    stack = LocalStack.start(new LocalStack.Options(0, null, null, MutableClock.at("2026-03-02T10:00:00Z")));
    token = stack.credentials().token();
    send(new Call("POST", "/api/0/organizations/local/monitors/job/checkins/",
        "{\"status\":\"ok\",\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 * * * *\"}}}"));
    HttpResponse<String> created = send(new Call("POST", "/api/0/organizations/local/channels/",
        "{\"name\":\"mail\",\"type\":\"email\",\"config\":{\"to\":[\"ops@example.com\"]}}"));
    channelId = created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
  }

  @AfterContainer
  static void stop() {
    stack.close();
  }

  @Property(tries = 150)
  void channelRoutes_neverAnswer5xx_andWriteNothingWhenTheyRefuse(@ForAll("calls") Call call) throws Exception {
    List<Map<String, AttributeValue>> before = tableItems();

    HttpResponse<String> response = send(call);

    assertThat(response.statusCode()).as(call + " -> " + response.body()).isLessThan(500);
    if (response.statusCode() >= 400) {
      assertThat(response.body()).startsWith("{");
      assertThat(tableItems()).as(call.toString()).isEqualTo(before);
    }
  }

  @Provide
  Arbitrary<Call> calls() {
    Arbitrary<String> routes = Arbitraries.of(
        "POST /api/0/organizations/local/channels/",
        "PUT /api/0/organizations/local/channels/{id}/",
        "PUT /api/0/organizations/local/channels/no-such-id/",
        "DELETE /api/0/organizations/local/channels/no-such-id/",
        "GET /api/0/organizations/local/channels/%ZZ/",
        "PUT /api/0/organizations/local/monitors/job/alert-rule/",
        "PUT /api/0/organizations/local/projects/default/alert-rule/",
        "DELETE /api/0/organizations/local/monitors/nope/alert-rule/",
        "PUT /api/0/organizations/other/channels/{id}/");
    Arbitrary<String> value = Arbitraries.oneOf(
        Arbitraries.of("\"slack\"", "\"pagerduty\"", "\"webhook\"", "\"email\"", "\"WEBHOOK\"", "null", "true", "12", "[]", "{}",
            "\"https://127.0.0.1/x\"", "\"http://10.0.0.1/\"", "\"https://169.254.169.254/\"", "\"https://unresolvable.invalid/h\"",
            "\"ops@example.com\"", "[\"a@b.co\",\"x\\r\\ny\"]", "\"R0UT1NGKEY0123456789abcdefABCDEF\"", "\"\\u0000\"",
            "\"" + "n".repeat(300) + "\"", "[\"{id}\"]", "{\"production\":[\"{id}\"]}", "{\"bad#env\":[]}"),
        Arbitraries.strings().ofMaxLength(30).map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
    Arbitrary<String> key = Arbitraries.of("name", "type", "url", "routing_key", "to", "channels", "environments", "rotate_secret", "x");
    Arbitrary<String> config = Combinators.combine(key, value).as((k, v) -> "\"" + k + "\":" + v).list().ofMaxSize(3)
        .map(fields -> "{" + String.join(",", fields) + "}");
    Arbitrary<String> field = Combinators.combine(key, Arbitraries.oneOf(value, config)).as((k, v) -> "\"" + k + "\":" + v);
    Arbitrary<String> objects = field.list().ofMaxSize(5).map(fields -> "{" + String.join(",", fields) + "}");
    Arbitrary<String> garbage = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40),
        Arbitraries.of("", "[", "{\"name\":", "null", "[1,2]", "\"text\"", "{\"config\":{\"url\":"));
    Arbitrary<String> bodies = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, objects), net.jqwik.api.Tuple.of(1, garbage));
    return Combinators.combine(routes, bodies).as((route, body) -> {
      String[] parts = route.split(" ", 2);
      return new Call(parts[0], parts[1].replace("{id}", channelId), body.replace("{id}", channelId));
    });
  }

  private static HttpResponse<String> send(Call call) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(stack.baseUri() + call.path().replace("%ZZ", "%25ZZ")))
        .method(call.method(), HttpRequest.BodyPublishers.ofString(call.body()))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json").build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static List<Map<String, AttributeValue>> tableItems() {
    return stack.dynamo().client().scanPaginator(ScanRequest.builder().tableName("CronmonTable").consistentRead(true).build())
        .items().stream().toList();
  }
}
