package dev.cronmon.alerts.senders;

import dev.cronmon.domain.alert.Alerting;
import dev.cronmon.domain.alert.UrlPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * {@link Alerting} from the environment variables template.yaml sets (the manage and alerts functions share them),
 * built once per process. Only the configured email transport is built: no SES client in the local stack.
 *
 * <ul>
 *   <li>{@code ALLOW_PRIVATE_ALERT_TARGETS} — "true" lets channels use http and loopback/private addresses (the local
 *       stack's {@code --allow-loopback-alerts}); anything else keeps the SSRF guard.
 *   <li>{@code PAGERDUTY_EVENTS_URL} — the Events API v2 endpoint.
 *   <li>{@code DELIVERY_LEASE_SECONDS} — how long a delivery claim holds; longer than the alerts function's timeout.
 *   <li>{@code EMAIL_TRANSPORT} — {@code ses} (AWS), {@code smtp} or {@code outbox} (local stack); {@code EMAIL_FROM}
 *       the sender; {@code SMTP_HOST}, {@code SMTP_PORT}, {@code SMTP_USERNAME}, {@code SMTP_PASSWORD},
 *       {@code SMTP_STARTTLS} for smtp; {@code EMAIL_OUTBOX_DIR} for outbox.
 * </ul>
 */
public final class AlertingConfig {
  public static final String ALLOW_PRIVATE_ALERT_TARGETS = "ALLOW_PRIVATE_ALERT_TARGETS";
  public static final String PAGERDUTY_EVENTS_URL = "PAGERDUTY_EVENTS_URL";
  public static final String DELIVERY_LEASE_SECONDS = "DELIVERY_LEASE_SECONDS";
  public static final String EMAIL_TRANSPORT = "EMAIL_TRANSPORT";
  public static final String EMAIL_FROM = "EMAIL_FROM";
  public static final String SMTP_HOST = "SMTP_HOST";
  public static final String SMTP_PORT = "SMTP_PORT";
  public static final String SMTP_USERNAME = "SMTP_USERNAME";
  public static final String SMTP_PASSWORD = "SMTP_PASSWORD";
  public static final String SMTP_STARTTLS = "SMTP_STARTTLS";
  public static final String EMAIL_OUTBOX_DIR = "EMAIL_OUTBOX_DIR";
  static final Duration DEFAULT_LEASE = Duration.ofSeconds(90);

  private AlertingConfig() {}

  public static Alerting from(Function<String, String> env, Clock clock) {
    UrlPolicy urls = "true".equalsIgnoreCase(value(env, ALLOW_PRIVATE_ALERT_TARGETS, "false"))
        ? UrlPolicy.allowingPrivateTargets(UrlPolicy.SYSTEM_RESOLVER)
        : UrlPolicy.publicHttpsOnly(UrlPolicy.SYSTEM_RESOLVER);
    String pagerDuty = value(env, PAGERDUTY_EVENTS_URL, Alerting.PAGERDUTY_EVENTS_URL);
    URI.create(pagerDuty); // fail at start, not at the first incident
    Duration lease = Duration.ofSeconds(Long.parseLong(value(env, DELIVERY_LEASE_SECONDS, Long.toString(DEFAULT_LEASE.toSeconds()))));
    return new Alerting(new Senders(new HttpSender(urls), email(env, clock)), urls, pagerDuty, lease);
  }

  static EmailTransport email(Function<String, String> env, Clock clock) {
    String from = value(env, EMAIL_FROM, "cronmon@localhost");
    String transport = value(env, EMAIL_TRANSPORT, "ses");
    return switch (transport) {
      case "ses" -> new SesEmailTransport(SesV2Client.builder()
          .region(Region.of(value(env, "AWS_REGION", "us-east-1")))
          .httpClient(UrlConnectionHttpClient.create())
          .build(), from);
      case "smtp" -> new SmtpEmailTransport(require(env, SMTP_HOST), Integer.parseInt(value(env, SMTP_PORT, "587")),
          "true".equalsIgnoreCase(value(env, SMTP_STARTTLS, "false")), env.apply(SMTP_USERNAME), env.apply(SMTP_PASSWORD), from, clock);
      case "outbox" -> new OutboxEmailTransport(Path.of(value(env, EMAIL_OUTBOX_DIR, "cronmon-outbox")), from, clock);
      default -> throw new IllegalStateException(EMAIL_TRANSPORT + " must be ses, smtp or outbox, not \"" + transport + "\"");
    };
  }

  private static String value(Function<String, String> env, String name, String absent) {
    String v = env.apply(name);
    return v == null || v.isBlank() ? absent : v.trim();
  }

  private static String require(Function<String, String> env, String name) {
    String v = env.apply(name);
    if (v == null || v.isBlank()) throw new IllegalStateException("environment variable " + name + " is not set");
    return v.trim();
  }
}
