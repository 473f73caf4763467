package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Email from the local stack through SMTP when it is configured (as Main passes SMTP_* on), against GreenMail. */
class LocalStackEmailTest extends LocalStackTestBase {
  private final GreenMail smtp = startSmtp();

  private static GreenMail startSmtp() {
    GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    return server;
  }

  @Override
  protected Map<String, String> stackEnvironment() {
    return Main.smtpFromEnvironment(Map.of("SMTP_HOST", "127.0.0.1", "SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()),
        "EMAIL_FROM", "alerts@cronmon.test")::get);
  }

  @AfterAll
  void stopSmtp() {
    smtp.stop();
  }

  @Test
  void testNotification_ofAnEmailChannel_arrivesThroughSmtp() throws Exception {
    // GIVEN an email channel
    Response created = api("POST", orgPath("/channels/"), "{\"name\":\"ops mail\",\"type\":\"email\",\"config\":{\"to\":\"ops@example.com\"}}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);

    // WHEN a test notification is sent
    Response sent = api("POST", orgPath("/channels/" + created.json().get("id").asText() + "/test/"), null);

    // THEN the SMTP server received it
    assertThat(sent.json().get("delivered").asBoolean()).as(sent.body()).isTrue();
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(received[0].getSubject()).isEqualTo("Monitor failure: cronmon test notification (production)");
    assertThat(received[0].getFrom()[0].toString()).isEqualTo("alerts@cronmon.test");
  }

  @Test
  void anIncidentOfAMonitorOwnedByAnAddress_isMailedToTheOwnerToo_whenTheChannelSaysSo_andNamesTheOwner() throws Exception {
    // GIVEN an hourly job owned by an address, and an email channel that mails owners, picked by its alert rule
    clock.set(java.time.Instant.parse("2026-03-02T10:00:00Z"));
    Response first = api("POST", orgPath("/monitors/owned-job/checkins/"),
        "{\"status\":\"ok\",\"monitor_config\":{\"schedule\":{\"type\":\"crontab\",\"value\":\"0 * * * *\"},\"owner\":\"dana@example.com\"}}");
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    Response channel = api("POST", orgPath("/channels/"),
        "{\"name\":\"ops and owners\",\"type\":\"email\",\"config\":{\"to\":\"ops@example.com\",\"toOwner\":true}}");
    assertThat(channel.json().get("config").get("toOwner").asBoolean()).as(channel.body()).isTrue();
    assertThat(api("PUT", orgPath("/monitors/owned-job/alert-rule/"), "{\"channels\":[\"" + channel.json().get("id").asText() + "\"]}").status())
        .isEqualTo(200);
    int before = smtp.getReceivedMessages().length;

    // WHEN the 11:00 slot is missed
    clock.set(java.time.Instant.parse("2026-03-02T11:02:00Z"));
    stack.sweep();
    stack.sweep();

    // THEN one message reached both the channel's address and the owner, and says who owns the job
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(before + 2); // GreenMail keeps one copy per recipient
    assertThat(received[before].getAllRecipients()).extracting(Object::toString).containsExactlyInAnyOrder("ops@example.com", "dana@example.com");
    assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(received[before])).contains("Owner: dana@example.com");
  }

  @Test
  void smtpFromEnvironment_isEmptyWithoutAHost() {
    assertThat(Main.smtpFromEnvironment(Map.of("SMTP_PORT", "25")::get)).isEmpty();
    assertThat(Main.smtpFromEnvironment(Map.of("SMTP_HOST", "mail.example.com")::get))
        .containsEntry("EMAIL_TRANSPORT", "smtp").containsEntry("SMTP_HOST", "mail.example.com");
  }
}
