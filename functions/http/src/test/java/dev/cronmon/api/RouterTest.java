package dev.cronmon.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cronmon.common.Json;
import dev.cronmon.domain.error.ConflictException;
import dev.cronmon.domain.error.NotFoundException;
import dev.cronmon.domain.error.ValidationException;
import dev.cronmon.domain.store.ConcurrentUpdateException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Unit layer, no I/O: how the Router answers each kind of refusal, and that a bug is never the client's fault. */
class RouterTest {
  private final Router router = new Router()
      .add("GET", "/things/{id}/", (request, params) -> ApiResponse.json(200, Json.write(Map.of("id", params.get("id")))))
      .add("HEAD", "/things/{id}/", (request, params) -> ApiResponse.json(200, "{\"id\":\"x\"}").withHeader("Cache-Control", "no-cache"))
      .add("POST", "/invalid/", (request, params) -> {
        throw new ValidationException(Map.of("name", List.of("This field is required.")));
      })
      .add("POST", "/too-many/", (request, params) -> {
        throw ValidationException.detail("At most 3.");
      })
      .add("GET", "/missing/", (request, params) -> {
        throw new NotFoundException("Monitor");
      })
      .add("DELETE", "/conflict/", (request, params) -> {
        throw new ConflictException("The project still has monitors; delete them first.");
      })
      .add("PUT", "/race/", (request, params) -> {
        throw new ConcurrentUpdateException("The channel kept changing; try again");
      })
      .add("GET", "/bug/", (request, params) -> {
        throw new IllegalArgumentException("a programming error");
      });

  @Test
  void validationException_is400_withItsFieldErrors() {
    ApiResponse r = call("POST", "/invalid/");

    assertThat(r.status()).isEqualTo(400);
    assertThat(json(r).get("name").get(0).asText()).isEqualTo("This field is required.");
  }

  @Test
  void validationOfTheWholeRequest_is400_withADetail() {
    ApiResponse r = call("POST", "/too-many/");

    assertThat(r.status()).isEqualTo(400);
    assertThat(json(r).get("detail").asText()).isEqualTo("At most 3.");
  }

  @Test
  void notFound_is404_namingWhatIsMissing() {
    ApiResponse r = call("GET", "/missing/");

    assertThat(r.status()).isEqualTo(404);
    assertThat(json(r).get("detail").asText()).isEqualTo("Monitor not found");
  }

  @Test
  void conflictAndALostRace_are409() {
    assertThat(call("DELETE", "/conflict/").status()).isEqualTo(409);
    ApiResponse race = call("PUT", "/race/");
    assertThat(race.status()).isEqualTo(409);
    assertThat(json(race).get("detail").asText()).isEqualTo("The channel kept changing; try again");
  }

  @Test
  void anUnexpectedIllegalArgumentException_is500_withTheErrorIdInTheBodyAndTheLog_neverA400() {
    // GIVEN the log captured
    PrintStream out = System.out;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
    ApiResponse r;
    try {
      // WHEN a route fails with a bug
      r = call("GET", "/bug/");
    } finally {
      System.setOut(out);
    }

    // THEN the client gets a 500 with an error id, and the log line carries the same id and the cause
    assertThat(r.status()).isEqualTo(500);
    String errorId = json(r).get("errorId").asText();
    assertThat(errorId).matches("[0-9a-f-]{36}");
    assertThat(json(r).get("detail").asText()).isEqualTo("Internal error").doesNotContain("programming");
    JsonNode line = Json.parse(log.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow()
        .getBytes(StandardCharsets.UTF_8));
    assertThat(line.get("level").asText()).isEqualTo("error");
    assertThat(line.get("errorId").asText()).isEqualTo(errorId);
    assertThat(line.get("error").asText()).contains("a programming error");
  }

  @Test
  void aKnownPathWithAnotherMethod_is404_asApiGatewayAnswers() {
    ApiResponse r = call("DELETE", "/things/1/");

    assertThat(r.status()).isEqualTo(404);
    assertThat(json(r).get("detail").asText()).isEqualTo(Router.NOT_FOUND);
  }

  @Test
  void head_answersItsRoutesStatusAndHeaders_withoutTheBody() {
    ApiResponse r = call("HEAD", "/things/1/");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers()).containsEntry("Cache-Control", "no-cache").containsEntry("Content-Type", "application/json");
    assertThat(r.body()).isEmpty();
  }

  @Test
  void aMalformedEscapeInThePath_is400() {
    ApiResponse r = call("GET", "/things/%zz/");

    assertThat(r.status()).isEqualTo(400);
    assertThat(json(r).get("detail").asText()).startsWith("Malformed request");
  }

  @Test
  void pathParameters_areDecoded_andPlusStaysPlus() {
    assertThat(json(call("GET", "/things/a%20b+c")).get("id").asText()).isEqualTo("a b+c");
  }

  private ApiResponse call(String method, String path) {
    return router.handle(new ApiRequest(method, path, Map.of(), Map.of(), null));
  }

  private static JsonNode json(ApiResponse r) {
    return Json.parse(r.body().getBytes(StandardCharsets.UTF_8));
  }
}
