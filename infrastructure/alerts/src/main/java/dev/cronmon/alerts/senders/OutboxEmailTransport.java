package dev.cronmon.alerts.senders;

import dev.cronmon.domain.alert.Notification;
import dev.cronmon.domain.alert.SendResult;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;

/** The local stack's email without a mail server: each message is an .eml file (open it in any mail client). */
public final class OutboxEmailTransport implements EmailTransport {
  private final Path directory;
  private final String from;
  private final Clock clock;
  private final Session session = Session.getInstance(new Properties());

  public OutboxEmailTransport(Path directory, String from, Clock clock) {
    this.directory = directory;
    this.from = from;
    this.clock = clock;
  }

  public Path directory() {
    return directory;
  }

  @Override
  public SendResult send(Notification.Email email) {
    Instant now = clock.instant();
    Path file = directory.resolve(now.toString().replace(':', '-') + "-" + UUID.randomUUID() + ".eml");
    try {
      Files.createDirectories(directory);
      try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
        MimeMessages.of(session, from, email, now).writeTo(out);
      }
      return SendResult.delivered("written to " + file);
    } catch (MessagingException | IOException e) {
      return SendResult.transientFailure("could not write " + file + ": " + e.getMessage(), null);
    }
  }
}
