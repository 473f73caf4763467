package dev.cronmon.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cronmon.common.Json;
import dev.cronmon.common.Log;
import dev.cronmon.domain.metrics.Metrics;
import dev.cronmon.domain.monitor.Monitor;
import dev.cronmon.domain.monitor.Slug;
import dev.cronmon.domain.processing.ErrorList;
import dev.cronmon.domain.service.ProcessingErrors;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.tenant.DsnKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * What the Sentry endpoints do with a check-in they refused instead of answering the error (docs/semantics.md rules
 * E1, E2): keep it as a processing error, in the list of the monitor it names when that monitor exists in the DSN key's
 * project, else in the project's list, with its payload as sent (cut to a few KB, kept valid JSON when it can be).
 */
final class DroppedCheckIns {
  /** Sentry's check-in fields, the ones a cut payload keeps. */
  private static final List<String> CHECK_IN_FIELDS = List.of("check_in_id", "monitor_slug", "status", "environment", "duration", "monitor_config");
  private static final int MAX_KEPT_STRING = 200;

  private final CronStore store;
  private final ProcessingErrors errors;
  private final Metrics metrics;

  DroppedCheckIns(CronStore store, ProcessingErrors errors, Metrics metrics) {
    this.store = store;
    this.errors = errors;
    this.metrics = metrics;
  }

  /** Records {@code refused} (which carries its problems) for a check-in of {@code slug} that {@code key} sent. */
  void record(DsnKey key, String slug, String source, String payload, ApiException refused) {
    metrics.checkInRefused(refused.refusalReason());
    ErrorList list = list(key, slug, refused.monitor());
    errors.record(list, key.projectId(), slug, source, trim(payload), refused.problems()).ifPresent(e ->
        Log.info("check-in dropped", "project", key.projectId(), "monitor", slug, "list", list.toString(), "processingErrorId", e.id().toString(),
            "type", refused.problems().get(0).type().name(), "status", refused.status()));
  }

  private ErrorList list(DsnKey key, String slug, Monitor monitor) {
    if (monitor != null) return ErrorList.ofMonitor(monitor.id());
    String normalized = Slug.normalize(slug);
    Optional<Monitor> named = normalized == null || Slug.problem(normalized).isPresent()
        ? Optional.empty() : store.monitor(key.organization(), normalized);
    return named.filter(m -> m.projectId().equals(key.projectId()))
        .map(m -> ErrorList.ofMonitor(m.id())).orElse(ErrorList.ofProject(key.projectId()));
  }

  /**
   * The payload as kept: whole when it is short; else, when it is a JSON object, Sentry's check-in fields with long
   * strings cut (and without {@code monitor_config} if that is what makes it long); else its first characters.
   */
  static String trim(String raw) {
    if (raw == null || raw.length() <= ProcessingErrors.MAX_PAYLOAD_CHARS) return raw;
    JsonNode parsed;
    try {
      parsed = Json.parse(raw.getBytes(StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      return raw.substring(0, ProcessingErrors.MAX_PAYLOAD_CHARS);
    }
    if (!parsed.isObject()) return raw.substring(0, ProcessingErrors.MAX_PAYLOAD_CHARS);
    ObjectNode kept = Json.MAPPER.createObjectNode();
    for (String field : CHECK_IN_FIELDS) {
      JsonNode v = parsed.get(field);
      if (v == null) continue;
      kept.set(field, v.isTextual() && v.textValue().length() > MAX_KEPT_STRING
          ? kept.textNode(v.textValue().substring(0, MAX_KEPT_STRING) + "…") : v);
    }
    String out = Json.write(kept);
    if (out.length() > ProcessingErrors.MAX_PAYLOAD_CHARS) {
      kept.remove("monitor_config");
      out = Json.write(kept);
    }
    return out;
  }
}
