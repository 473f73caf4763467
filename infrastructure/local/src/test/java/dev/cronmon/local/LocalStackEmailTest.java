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
  void smtpFromEnvironment_isEmptyWithoutAHost() {
    assertThat(Main.smtpFromEnvironment(Map.of("SMTP_PORT", "25")::get)).isEmpty();
    assertThat(Main.smtpFromEnvironment(Map.of("SMTP_HOST", "mail.example.com")::get))
        .containsEntry("EMAIL_TRANSPORT", "smtp").containsEntry("SMTP_HOST", "mail.example.com");
  }
}
