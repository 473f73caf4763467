package dev.cronmon.domain.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cronmon.domain.incident.IncidentEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unit layer, no I/O: what each channel type receives for an incident event. */
class AlertMessagesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-03-02T13:01:05Z");
  private static final String PD_URL = "https://events.pagerduty.com/v2/enqueue";

  private static Channel channel(ChannelConfig config, String secret) {
    return new Channel("ch-1", "acme", "ops", config, secret, NOW, null, null, null, false, 1);
  }

  private static JsonNode json(String body) throws Exception {
    return JSON.readTree(body);
  }

  @Test
  void slack_opened_saysMonitorEnvironmentWhatFailedAndLastOk() throws Exception {
    // GIVEN an incident opened on 2 missed and 1 timeout check-ins
    IncidentEvent opened = Events.opened("mon-1", "inc-1");

    // WHEN it is rendered for a Slack channel
    Notification.HttpPost post = (Notification.HttpPost) AlertMessages.render(opened,
        channel(new ChannelConfig.Slack("https://hooks.slack.com/services/T0/B0/abc"), null), NOW, PD_URL);

    // THEN the incoming webhook gets one text naming all four
    assertThat(post.url()).isEqualTo("https://hooks.slack.com/services/T0/B0/abc");
    String text = json(post.body()).get("text").asText();
    assertThat(text).contains("Monitor failure: Nightly backup").contains("`production`")
        .contains("2 missed and 1 timeout check-ins detected")
        .contains("Last successful check-in: 2026-03-02 09:00:00 UTC");
    assertThat(json(post.body()).get("blocks").get(0).get("text").get("text").asText()).isEqualTo(text);
  }

  @Test
  void slack_resolved_saysHowLongItWasDown() throws Exception {
    // GIVEN an incident that started at 10:01 and resolved at 12:06
    IncidentEvent resolved = Events.resolved("mon-1", "inc-1");

    // WHEN it is rendered for Slack
    Notification.HttpPost post = (Notification.HttpPost) AlertMessages.render(resolved,
        channel(new ChannelConfig.Slack("https://hooks.slack.com/services/T0/B0/abc"), null), NOW, PD_URL);

    // THEN the message gives the downtime
    assertThat(json(post.body()).get("text").asText()).contains("Monitor recovered: Nightly backup")
        .contains("Down for 2 h 5 min (since 2026-03-02 10:01:00 UTC)");
  }

  @Test
  void slack_escapesNamesThatLookLikeMarkup() throws Exception {
    // GIVEN a monitor whose name contains Slack's control characters
    IncidentEvent e = Events.opened("mon-1", "inc-1");
    IncidentEvent sneaky = new IncidentEvent(e.id(), e.type(), e.organization(), e.monitorId(), e.monitorSlug(),
        "<!channel> & co", e.environment(), e.incidentId(), e.incidentStarted(), e.time(), e.failures(), e.lastOk());

    // WHEN rendered
    String text = json(AlertMessages.slack(sneaky, FailureDetail.NONE)).get("text").asText();

    // THEN they are escaped, so the name cannot ping a channel
    assertThat(text).contains("&lt;!channel&gt; &amp; co").doesNotContain("<!channel>");
  }

  @Test
  void pagerDuty_triggersOnOpen_andResolvesWithTheSameDedupKey() throws Exception {
    // GIVEN a PagerDuty channel and both events of one incident
    Channel pd = channel(new ChannelConfig.PagerDuty("R0UT1NGKEY0123456789abcdefABCDEF"), null);

    // WHEN both are rendered
    Notification.HttpPost trigger = (Notification.HttpPost) AlertMessages.render(Events.opened("mon-1", "inc-7"), pd, NOW, PD_URL);
    Notification.HttpPost resolve = (Notification.HttpPost) AlertMessages.render(Events.resolved("mon-1", "inc-7"), pd, NOW, PD_URL);

    // THEN they go to the Events API v2 as trigger and resolve of one dedup_key, the incident id
    assertThat(trigger.url()).isEqualTo(PD_URL);
    JsonNode t = json(trigger.body());
    assertThat(t.get("routing_key").asText()).isEqualTo("R0UT1NGKEY0123456789abcdefABCDEF");
    assertThat(t.get("event_action").asText()).isEqualTo("trigger");
    assertThat(t.get("dedup_key").asText()).isEqualTo("inc-7");
    assertThat(t.get("payload").get("summary").asText())
        .isEqualTo("Monitor failure: Nightly backup (production): 2 missed and 1 timeout check-ins detected");
    assertThat(t.get("payload").get("severity").asText()).isEqualTo("error");
    assertThat(t.get("payload").get("source").asText()).isEqualTo("cronmon/acme/nightly-backup");
    assertThat(t.get("payload").get("timestamp").asText()).isEqualTo("2026-03-02T13:01:00Z");
    JsonNode r = json(resolve.body());
    assertThat(r.get("event_action").asText()).isEqualTo("resolve");
    assertThat(r.get("dedup_key").asText()).isEqualTo("inc-7");
    assertThat(r.has("payload")).isFalse();
  }

  @Test
  void webhook_bodyCarriesEventStatusesMonitorAndIncident_andIsSigned() throws Exception {
    // GIVEN a webhook channel with its secret
    Channel hook = channel(new ChannelConfig.Webhook("https://example.com/hook"), "whsec_abc");

    // WHEN the resolution is rendered
    Notification.HttpPost post = (Notification.HttpPost) AlertMessages.render(Events.resolved("mon-1", "inc-1"), hook, NOW, PD_URL);

    // THEN the documented body
    JsonNode body = json(post.body());
    assertThat(body.get("id").asText()).isEqualTo("inc-1:resolved");
    assertThat(body.get("type").asText()).isEqualTo("incident.resolved");
    assertThat(body.get("time").asText()).isEqualTo("2026-03-02T12:06:00Z");
    assertThat(body.get("organization").asText()).isEqualTo("acme");
    assertThat(body.get("monitor").get("id").asText()).isEqualTo("mon-1");
    assertThat(body.get("monitor").get("slug").asText()).isEqualTo("nightly-backup");
    assertThat(body.get("monitor").get("name").asText()).isEqualTo("Nightly backup");
    assertThat(body.get("environment").asText()).isEqualTo("production");
    assertThat(body.get("previousStatus").asText()).isEqualTo("error");
    assertThat(body.get("status").asText()).isEqualTo("ok");
    assertThat(body.get("incident").get("id").asText()).isEqualTo("inc-1");
    assertThat(body.get("incident").get("startedAt").asText()).isEqualTo("2026-03-02T10:01:00Z");
    assertThat(body.get("incident").get("resolvedAt").asText()).isEqualTo("2026-03-02T12:06:00Z");
    assertThat(body.get("incident").get("durationSeconds").asLong()).isEqualTo(7500);
    assertThat(body.get("incident").get("failures")).hasSize(3);
    assertThat(body.get("incident").get("failures").get(2).get("status").asText()).isEqualTo("timeout");
    assertThat(body.get("lastOk").asText()).isEqualTo("2026-03-02T09:00:00Z");
    // AND headers naming the event, signed over timestamp + "." + body
    assertThat(post.headers()).containsEntry("Cronmon-Event-Id", "inc-1:resolved").containsEntry("Cronmon-Event-Type", "incident.resolved");
    assertThat(post.headers().get("Cronmon-Signature")).startsWith("t=" + NOW.getEpochSecond() + ",v1=");
    assertThat(WebhookSignature.verify("whsec_abc", post.headers().get("Cronmon-Signature"), post.body(), NOW.getEpochSecond(), 300)).isTrue();
  }

  @Test
  void webhook_opened_fromNeverOk_hasPreviousStatusNew() throws Exception {
    // GIVEN an environment that failed before it ever had an ok check-in
    IncidentEvent e = Events.opened("mon-1", "inc-1");
    IncidentEvent neverOk = new IncidentEvent(e.id(), e.type(), e.organization(), e.monitorId(), e.monitorSlug(),
        e.monitorName(), e.environment(), e.incidentId(), e.incidentStarted(), e.time(), e.failures(), null);

    // WHEN rendered
    JsonNode body = json(AlertMessages.webhook(neverOk, FailureDetail.NONE));

    // THEN it went from new to error, and lastOk is null
    assertThat(body.get("previousStatus").asText()).isEqualTo("new");
    assertThat(body.get("status").asText()).isEqualTo("error");
    assertThat(body.get("lastOk").isNull()).isTrue();
    assertThat(body.get("incident").get("resolvedAt").isNull()).isTrue();
  }

  @Test
  void email_hasSubjectWithEnvironment_andPlainTextDetails() {
    // GIVEN an email channel
    Channel mail = channel(new ChannelConfig.Email(List.of("ops@example.com", "oncall@example.com")), null);

    // WHEN the opening is rendered
    Notification.Email email = (Notification.Email) AlertMessages.render(Events.opened("mon-1", "inc-1"), mail, NOW, PD_URL);

    // THEN
    assertThat(email.to()).containsExactly("ops@example.com", "oncall@example.com");
    assertThat(email.subject()).isEqualTo("Monitor failure: Nightly backup (production)");
    assertThat(email.text()).contains("Environment: production").contains("2 missed and 1 timeout check-ins detected")
        .contains("Last successful check-in: 2026-03-02 09:00:00 UTC");
  }

  @Test
  void email_subjectNeverCarriesALineBreakFromAName() {
    // GIVEN a monitor name with a CR/LF (header injection attempt)
    IncidentEvent e = Events.opened("mon-1", "inc-1");
    IncidentEvent evil = new IncidentEvent(e.id(), e.type(), e.organization(), e.monitorId(), e.monitorSlug(),
        "x\r\nBcc: victim@example.com", e.environment(), e.incidentId(), e.incidentStarted(), e.time(), e.failures(), e.lastOk());

    // WHEN rendered as email
    Notification.Email email = (Notification.Email) AlertMessages.render(evil,
        channel(new ChannelConfig.Email(List.of("ops@example.com")), null), NOW, PD_URL);

    // THEN the subject stays one line
    assertThat(email.subject()).doesNotContain("\r").doesNotContain("\n");
  }

  @Test
  void theFailingCheckInsExitStatusReasonAndLastLines_areInEveryMessage_escapedForEach() throws Exception {
    // GIVEN an opening whose check-in exited 3 with output that looks like Slack and HTML markup
    IncidentEvent opened = Events.opened("mon-1", "inc-1");
    FailureDetail detail = new FailureDetail(3, "exited with status 3", "copying…\n<!channel> <https://evil.example|click> ```\n<b>Error</b> \\x1b[31m");

    // WHEN it is rendered for each channel type
    String slack = json(((Notification.HttpPost) AlertMessages.render(opened,
        channel(new ChannelConfig.Slack("https://hooks.slack.com/services/T0/B0/abc"), null), NOW, PD_URL, detail)).body()).get("text").asText();
    Notification.Email email = (Notification.Email) AlertMessages.render(opened,
        channel(new ChannelConfig.Email(List.of("ops@example.com")), null), NOW, PD_URL, detail);
    JsonNode hook = json(((Notification.HttpPost) AlertMessages.render(opened,
        channel(new ChannelConfig.Webhook("https://example.com/hook"), "whsec_x"), NOW, PD_URL, detail)).body());
    JsonNode pd = json(((Notification.HttpPost) AlertMessages.render(opened,
        channel(new ChannelConfig.PagerDuty("R0UT1NGKEY0123456789abcdefABCDEF"), null), NOW, PD_URL, detail)).body());

    // THEN each says the exit status and reason and carries the last lines, never as markup of its own
    assertThat(slack).contains("Exit status 3: exited with status 3")
        .contains("```copying…\n&lt;!channel&gt; &lt;https://evil.example|click&gt; ` ` `\n&lt;b&gt;Error&lt;/b&gt; \\x1b[31m```")
        .doesNotContain("<!channel>").doesNotContain("<https://");
    assertThat(email.text()).contains("Exit status 3: exited with status 3\nLast lines of output:\n  copying…\n  <!channel>");
    assertThat(hook.get("incident").get("lastFailure").get("exitStatus").asInt()).isEqualTo(3);
    assertThat(hook.get("incident").get("lastFailure").get("outputTail").asText()).isEqualTo(detail.outputTail());
    assertThat(pd.get("payload").get("custom_details").get("failure_reason").asText()).isEqualTo("exited with status 3");
  }

  @Test
  void aResolution_carriesNoFailureDetail() throws Exception {
    FailureDetail detail = new FailureDetail(3, "exited with status 3", "boom");

    String slack = json(((Notification.HttpPost) AlertMessages.render(Events.resolved("mon-1", "inc-1"),
        channel(new ChannelConfig.Slack("https://hooks.slack.com/services/T0/B0/abc"), null), NOW, PD_URL, detail)).body()).get("text").asText();

    assertThat(slack).doesNotContain("Exit status").doesNotContain("boom");
  }

  @Test
  void humanDuration_roundsToMinutes() {
    assertThat(AlertMessages.humanDuration(java.time.Duration.ofSeconds(30))).isEqualTo("less than a minute");
    assertThat(AlertMessages.humanDuration(java.time.Duration.ofMinutes(45))).isEqualTo("45 min");
    assertThat(AlertMessages.humanDuration(java.time.Duration.ofMinutes(120))).isEqualTo("2 h");
    assertThat(AlertMessages.humanDuration(java.time.Duration.ofMinutes(60 * 26 + 7))).isEqualTo("1 d 2 h");
  }

  @Test
  void owner_isNamedInEveryMessage_andMailedOnlyByAChannelThatSaysSo_whenItIsAnAddress() throws Exception {
    // GIVEN an incident of a monitor owned by an address, and one owned by a team
    IncidentEvent mailable = Events.openedOwnedBy("dana@example.com");
    IncidentEvent team = Events.openedOwnedBy("team:42");
    Channel toOwner = channel(new ChannelConfig.Email(List.of("ops@example.com"), true), null);
    Channel plain = channel(new ChannelConfig.Email(List.of("ops@example.com")), null);

    // WHEN rendered
    Notification.Email owned = (Notification.Email) AlertMessages.render(mailable, toOwner, NOW, PD_URL);

    // THEN the owner gets the mail only through the channel that mails owners, and only when the owner is an address
    assertThat(owned.to()).containsExactly("ops@example.com", "dana@example.com");
    assertThat(owned.text()).contains("Owner: dana@example.com");
    assertThat(((Notification.Email) AlertMessages.render(mailable, plain, NOW, PD_URL)).to()).containsExactly("ops@example.com");
    assertThat(((Notification.Email) AlertMessages.render(team, toOwner, NOW, PD_URL)).to()).containsExactly("ops@example.com");
    assertThat(json(AlertMessages.webhook(team, FailureDetail.NONE)).get("monitor").get("owner").asText()).isEqualTo("team:42");
    assertThat(json(AlertMessages.slack(team, FailureDetail.NONE)).get("text").asText()).contains("Owner: team:42");
    assertThat(json(AlertMessages.pagerDuty(team, "R0UT1NGKEY0123456789abcdefABCDEF", FailureDetail.NONE)).get("payload").get("custom_details").get("owner").asText())
        .isEqualTo("team:42");
    assertThat(AlertMessages.plainText(Events.opened("mon-1", "inc-1"), FailureDetail.NONE)).doesNotContain("Owner:");
  }

  @Test
  void brokenNotice_saysHowLongItHasFailed_andWhatToDo_onEveryChannel_ruleB1() throws Exception {
    // GIVEN the broken notice of an incident open for 14 days
    IncidentEvent broken = Events.broken("mon-1", "inc-1", false);

    // WHEN it is rendered for email, Slack, a webhook and PagerDuty
    Notification.Email email = (Notification.Email) AlertMessages.render(broken, channel(new ChannelConfig.Email(List.of("ops@example.com")), null), NOW, PD_URL);
    String slack = json(((Notification.HttpPost) AlertMessages.render(broken,
        channel(new ChannelConfig.Slack("https://hooks.slack.com/services/T0/B0/abc"), null), NOW, PD_URL)).body()).get("text").asText();
    Notification.HttpPost webhook = (Notification.HttpPost) AlertMessages.render(broken,
        channel(new ChannelConfig.Webhook("https://example.com/hook"), "secret"), NOW, PD_URL);
    JsonNode pagerDuty = json(((Notification.HttpPost) AlertMessages.render(broken,
        channel(new ChannelConfig.PagerDuty("0123456789abcdef0123456789abcdef"), null), NOW, PD_URL)).body());

    // THEN each says the monitor has been failing for 14 days and to fix or mute it
    String notice = "This monitor has been failing for 14 days \u2014 fix or mute it.";
    assertThat(email.subject()).isEqualTo("Monitor broken: Nightly backup (production)");
    assertThat(email.text()).contains(notice);
    assertThat(slack).contains("Monitor broken: Nightly backup").contains(notice);
    assertThat(webhook.headers()).containsEntry("Cronmon-Event-Type", "incident.broken");
    assertThat(json(webhook.body()).get("incident").get("notice").asText()).isEqualTo(notice);
    assertThat(json(webhook.body()).get("status").asText()).isEqualTo("error");
    assertThat(pagerDuty.get("event_action").asText()).isEqualTo("trigger");
    assertThat(pagerDuty.get("dedup_key").asText()).as("one alert with the incident's own").isEqualTo("inc-1");
    assertThat(pagerDuty.get("payload").get("summary").asText()).contains(notice);
  }

  @Test
  void mutedNotice_saysItWasMutedAutomatically_ruleB2() {
    IncidentEvent muted = Events.broken("mon-1", "inc-1", true);

    Notification.Email email = (Notification.Email) AlertMessages.render(muted, channel(new ChannelConfig.Email(List.of("ops@example.com")), null), NOW, PD_URL);

    assertThat(email.subject()).isEqualTo("Monitor muted: Nightly backup (production)");
    assertThat(email.text()).contains("This monitor has been failing for 28 days and was muted automatically; unmute it once it is fixed.");
  }
}
