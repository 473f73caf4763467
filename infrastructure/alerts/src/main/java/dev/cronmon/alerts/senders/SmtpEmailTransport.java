package dev.cronmon.alerts.senders;

import dev.cronmon.domain.alert.Notification;
import dev.cronmon.domain.alert.SendResult;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.time.Clock;
import java.util.Properties;

/** Email through an SMTP server (the local stack, when {@code SMTP_HOST} is set), with optional STARTTLS and login. */
public final class SmtpEmailTransport implements EmailTransport {
  private static final String TIMEOUT_MILLIS = "5000";

  private final Session session;
  private final String from;
  private final String username;
  private final String password;
  private final Clock clock;

  public SmtpEmailTransport(String host, int port, boolean startTls, String username, String password, String from, Clock clock) {
    Properties props = new Properties();
    props.put("mail.smtp.host", host);
    props.put("mail.smtp.port", Integer.toString(port));
    props.put("mail.smtp.connectiontimeout", TIMEOUT_MILLIS);
    props.put("mail.smtp.timeout", TIMEOUT_MILLIS);
    props.put("mail.smtp.writetimeout", TIMEOUT_MILLIS);
    props.put("mail.smtp.auth", Boolean.toString(username != null && !username.isEmpty()));
    if (startTls) {
      props.put("mail.smtp.starttls.enable", "true");
      props.put("mail.smtp.starttls.required", "true");
    }
    this.session = Session.getInstance(props);
    this.from = from;
    this.username = username;
    this.password = password;
    this.clock = clock;
  }

  @Override
  public SendResult send(Notification.Email email) {
    try {
      var message = MimeMessages.of(session, from, email, clock.instant());
      if (username != null && !username.isEmpty()) Transport.send(message, username, password);
      else Transport.send(message);
      return SendResult.delivered("sent by SMTP to " + email.to().size() + " recipient(s)");
    } catch (AuthenticationFailedException e) {
      return SendResult.permanentFailure("SMTP login refused: " + e.getMessage());
    } catch (SendFailedException e) {
      // The server refused the addresses (a 5xx reply): retrying the same message will not help.
      return SendResult.permanentFailure("SMTP refused the message: " + e.getMessage());
    } catch (MessagingException e) {
      return SendResult.transientFailure("SMTP failed: " + e.getMessage(), null);
    }
  }
}
