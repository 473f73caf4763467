package dev.cronmon.local;

import dev.cronmon.domain.auth.Secrets;
import dev.cronmon.domain.store.CronStore;
import dev.cronmon.domain.tenant.DsnKey;
import dev.cronmon.domain.tenant.Project;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/** Builds requests as Sentry SDKs and tools put them on the wire: envelopes, auth headers, compressed bodies. */
final class SentryWire {
  private SentryWire() {}

  /** An envelope under construction: a header line, then items with or without their `length`. */
  static final class EnvelopeBuilder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private boolean trailingNewline = true;
    private final List<Runnable> items = new ArrayList<>();

    EnvelopeBuilder(String headerJson) {
      write(headerJson);
    }

    EnvelopeBuilder item(String type, String payload, boolean withLength) {
      byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
      items.add(() -> {
        write("\n");
        write(withLength ? "{\"type\":\"" + type + "\",\"length\":" + bytes.length + "}" : "{\"type\":\"" + type + "\"}");
        write("\n");
        out.writeBytes(bytes);
      });
      return this;
    }

    EnvelopeBuilder checkIn(String payload) {
      return item("check_in", payload, true);
    }

    EnvelopeBuilder withoutTrailingNewline() {
      trailingNewline = false;
      return this;
    }

    byte[] bytes() {
      items.forEach(Runnable::run);
      items.clear();
      if (trailingNewline) write("\n");
      return out.toByteArray();
    }

    String text() {
      return new String(bytes(), StandardCharsets.UTF_8);
    }

    private void write(String s) {
      out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
  }

  static EnvelopeBuilder envelope(String headerJson) {
    return new EnvelopeBuilder(headerJson);
  }

  static String checkInJson(String slug, String status, String id, String extraFields) {
    return "{\"monitor_slug\":\"" + slug + "\",\"status\":\"" + status + "\""
        + (id == null ? "" : ",\"check_in_id\":\"" + id + "\"")
        + (extraFields == null || extraFields.isEmpty() ? "" : "," + extraFields) + "}";
  }

  static String hourly() {
    return "\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 * * * *\"}}";
  }

  /** The header the Java SDK sends, spaces after the commas as it writes them. */
  static String sentryAuth(String publicKey) {
    return "Sentry sentry_version=7, sentry_client=sentry.java/8.62.0, sentry_key=" + publicKey;
  }

  static String basicAuth(String publicKey) {
    return "Basic " + Base64.getEncoder().encodeToString((publicKey + ":").getBytes(StandardCharsets.UTF_8));
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** HTTP's deflate: zlib-wrapped, as curl and most clients send it. */
  static byte[] deflate(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
      z.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A second project (with its own live DSN key) in {@code organization}: a key that belongs to another project. */
  static DsnKey keyOfAnotherProject(CronStore store, Clock clock, String organization) {
    Project project;
    do {
      // Project slugs are unique per organization: each call makes a project of its own.
      String id = Secrets.newProjectId();
      project = new Project(id, organization, "second-" + id, "Second", clock.instant());
    } while (!store.putProject(project));
    DsnKey key = new DsnKey(Secrets.newPublicKey(), project.id(), organization, "Second", false, clock.instant());
    store.putDsnKey(key);
    return key;
  }
}
