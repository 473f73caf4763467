package dev.cronmon.alerts.senders;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.cronmon.domain.alert.Notification;
import dev.cronmon.domain.alert.SendResult;
import dev.cronmon.domain.time.MutableClock;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local integration layer: a real SMTP server (GreenMail, on a free loopback port) and real .eml files. */
class EmailTransportTest {
  private final MutableClock clock = MutableClock.at("2026-03-02T10:00:00Z");
  private final Notification.Email email = new Notification.Email(List.of("ops@example.com", "oncall@example.com"),
      "Monitor failure: Sauvegarde nocturne — été (production)", "Monitor: nightly\n2 missed check-ins detected\n");
  private GreenMail smtp;

  @BeforeEach
  void startSmtp() {
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  @AfterEach
  void stopSmtp() {
    smtp.stop();
  }

  @Test
  void smtp_deliversOneMessageToEachRecipient_withUtf8SubjectAndText() throws Exception {
    SmtpEmailTransport transport = new SmtpEmailTransport("127.0.0.1", smtp.getSmtp().getPort(), false, null, null,
        "alerts@cronmon.test", clock);

    SendResult result = transport.send(email);

    assertThat(result.delivered()).as(result.detail()).isTrue();
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(2); // one copy per recipient mailbox
    MimeMessage m = received[0];
    assertThat(m.getSubject()).isEqualTo("Monitor failure: Sauvegarde nocturne — été (production)");
    assertThat(m.getFrom()[0].toString()).isEqualTo("alerts@cronmon.test");
    assertThat(m.getAllRecipients()).extracting(Object::toString).containsExactly("ops@example.com", "oncall@example.com");
    // SMTP's DATA framing drops the final line break; the lines themselves arrive intact.
    assertThat(((String) m.getContent()).replace("\r\n", "\n").strip()).isEqualTo("Monitor: nightly\n2 missed check-ins detected");
    assertThat(m.getSentDate().toInstant()).isEqualTo(clock.instant());
  }

  @Test
  void smtp_withLogin_authenticates() throws Exception {
    smtp.setUser("cronmon", "s3cret");
    SmtpEmailTransport transport = new SmtpEmailTransport("127.0.0.1", smtp.getSmtp().getPort(), false, "cronmon", "s3cret",
        "alerts@cronmon.test", clock);

    assertThat(transport.send(email).delivered()).isTrue();
    assertThat(smtp.getReceivedMessages()).hasSize(2);
  }

  @Test
  void smtp_serverDown_isTransient() {
    int port = smtp.getSmtp().getPort();
    smtp.stop();
    SmtpEmailTransport transport = new SmtpEmailTransport("127.0.0.1", port, false, null, null, "alerts@cronmon.test", clock);

    SendResult result = transport.send(email);

    assertThat(result.kind()).isEqualTo(SendResult.Kind.TRANSIENT);
  }

  @Test
  void outbox_writesAnEmlFileAMailClientCanRead(@TempDir Path dir) throws Exception {
    OutboxEmailTransport transport = new OutboxEmailTransport(dir.resolve("outbox"), "alerts@cronmon.test", clock);

    SendResult result = transport.send(email);

    assertThat(result.delivered()).isTrue();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir.resolve("outbox"))) {
      files = s.toList();
    }
    assertThat(files).singleElement().satisfies(f -> assertThat(f.toString()).endsWith(".eml"));
    try (InputStream in = Files.newInputStream(files.get(0))) {
      MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()), in);
      assertThat(parsed.getSubject()).isEqualTo(email.subject());
      assertThat(parsed.getAllRecipients()).hasSize(2);
    }
  }
}
