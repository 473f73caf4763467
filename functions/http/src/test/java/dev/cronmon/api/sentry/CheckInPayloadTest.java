package dev.cronmon.api.sentry;

import static dev.cronmon.api.sentry.Bytes.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cronmon.api.sentry.SentryProtocolException.Kind;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Unit tests, no I/O: {@link CheckInPayload} and {@link CheckInIds}. */
class CheckInPayloadTest {

  @Test
  void fromJson_shouldReadEveryField_whenJavaSdkCheckIn() {
    CheckInPayload checkIn = CheckInPayload.fromJson(utf8(EnvelopeParserTest.JAVA_CHECK_IN));

    assertThat(checkIn.checkInId()).isEqualTo("bb07b5040e894cce9f6c5d22bed6885c");
    assertThat(checkIn.monitorSlug()).isEqualTo("nightly-job");
    assertThat(checkIn.status()).isEqualTo("in_progress");
    assertThat(checkIn.environment()).isEqualTo("prod");
    assertThat(checkIn.durationSeconds()).isNull();
    assertThat(checkIn.monitorConfig().path("schedule").path("value").asText()).isEqualTo("0 2 * * *");
    assertThat(checkIn.monitorConfig().path("timezone").asText()).isEqualTo("America/New_York");
    assertThat(checkIn.traceId()).isEqualTo("366fc3fbab624dfba82b25ac8542abda");
  }

  @Test
  void fromJson_shouldReadDuration_asIntegerOrFloatSeconds() {
    assertThat(CheckInPayload.fromJson(utf8("{\"status\":\"ok\",\"duration\":3}")).durationSeconds()).isEqualTo(3.0);
    assertThat(CheckInPayload.fromJson(utf8("{\"status\":\"ok\",\"duration\":12.345}")).durationSeconds())
        .isEqualTo(12.345);
  }

  @Test
  void fromJson_shouldLeaveFieldsNull_whenMissingOrNull() {
    CheckInPayload checkIn = CheckInPayload.fromJson(utf8(
        "{\"check_in_id\":null,\"duration\":null,\"monitor_config\":null,\"contexts\":{\"trace\":null}}"));
    assertThat(checkIn).isEqualTo(new CheckInPayload(null, null, null, null, null, null, null));
    assertThat(CheckInPayload.fromJson(utf8("{}")))
        .isEqualTo(new CheckInPayload(null, null, null, null, null, null, null));
  }

  @Test
  void fromJson_shouldIgnoreUnknownFields() {
    CheckInPayload checkIn = CheckInPayload.fromJson(
        utf8("{\"status\":\"ok\",\"future_field\":[1,{\"x\":2}],\"contexts\":{\"os\":{}}}"));
    assertThat(checkIn.status()).isEqualTo("ok");
    assertThat(checkIn.traceId()).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"status\":1}                          | status must be a string",
      "{\"status\":[\"ok\"]}                   | status must be a string",
      "{\"check_in_id\":123}                   | check_in_id must be a string",
      "{\"monitor_slug\":{}}                   | monitor_slug must be a string",
      "{\"environment\":false}                 | environment must be a string",
      "{\"duration\":\"12\"}                   | duration must be a number",
      "{\"duration\":1e999}                    | duration must be a number",
      "{\"monitor_config\":\"0 * * * *\"}      | monitor_config must be an object",
      "{\"contexts\":[]}                       | contexts must be an object",
      "{\"contexts\":{\"trace\":\"x\"}}        | contexts.trace must be an object",
      "{\"contexts\":{\"trace\":{\"trace_id\":1}}} | contexts.trace.trace_id must be a string",
      "[]                                      | check-in must be a JSON object",
      "\"ok\"                                  | check-in must be a JSON object",
      "{\"status\":                            | check-in is not valid JSON",
      "{\"status\":\"ok\"} trailing            | check-in is not valid JSON",
      "{\"status\":\"ok\"} {}                  | check-in has more after its JSON value"})
  void fromJson_shouldRefuseWithBadRequest_whenShapeIsWrong(String json, String message) {
    assertThatThrownBy(() -> CheckInPayload.fromJson(utf8(json)))
        .isInstanceOfSatisfying(SentryProtocolException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST))
        .hasMessageContaining(message);
  }

  @Test
  void fromJson_shouldRefuse_whenEmptyOrNull() {
    assertThatThrownBy(() -> CheckInPayload.fromJson(new byte[0])).isInstanceOf(SentryProtocolException.class);
    assertThatThrownBy(() -> CheckInPayload.fromJson((byte[]) null)).isInstanceOf(SentryProtocolException.class);
    assertThatThrownBy(() -> CheckInPayload.fromJson((com.fasterxml.jackson.databind.JsonNode) null))
        .isInstanceOf(SentryProtocolException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "83a7c03ed0a04e1b97e2e3b18d38f244", "83A7C03ED0A04E1B97E2E3B18D38F244",
      "83a7c03e-d0a0-4e1b-97e2-e3b18d38f244", "83A7C03E-D0A0-4E1B-97E2-E3B18D38F244",
      " 83a7c03ed0a04e1b97e2e3b18d38f244 ", "{83a7c03e-d0a0-4e1b-97e2-e3b18d38f244}",
      "urn:uuid:83a7c03e-d0a0-4e1b-97e2-e3b18d38f244"})
  void normalize_shouldReadTheUuid_inEveryForm(String id) {
    assertThat(CheckInIds.normalize(id)).contains(UUID.fromString("83a7c03e-d0a0-4e1b-97e2-e3b18d38f244"));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "\t"})
  void normalize_shouldBeEmpty_whenNoId(String id) {
    assertThat(CheckInIds.normalize(id)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "latest", "1-2-3-4-5", "83a7c03ed0a04e1b97e2e3b18d38f24", "83a7c03ed0a04e1b97e2e3b18d38f2445",
      "83a7c03ed0a04e1b97e2e3b18d38f24g", "83a7c03e-d0a04e1b-97e2-e3b18d38f244", "{83a7c03ed0a04e1b97e2e3b18d38f244",
      "83a7c03e-d0a0-4e1b-97e2-e3b18d38f244-", "+3a7c03ed0a04e1b97e2e3b18d38f244"})
  void normalize_shouldRefuseWithBadRequest_whenNotAUuid(String id) {
    assertThatThrownBy(() -> CheckInIds.normalize(id))
        .isInstanceOfSatisfying(SentryProtocolException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST))
        .hasMessage("check_in_id must be a UUID");
  }

  @Test
  void isNil_shouldBeTrueOnlyForTheAllZeroId() {
    assertThat(CheckInIds.normalize("00000000000000000000000000000000")).get().matches(CheckInIds::isNil);
    assertThat(CheckInIds.normalize("00000000-0000-0000-0000-000000000000")).get().matches(CheckInIds::isNil);
    assertThat(CheckInIds.isNil(UUID.fromString("00000000-0000-0000-0000-000000000001"))).isFalse();
    assertThat(CheckInIds.isNil(UUID.fromString("10000000-0000-0000-0000-000000000000"))).isFalse();
  }
}
