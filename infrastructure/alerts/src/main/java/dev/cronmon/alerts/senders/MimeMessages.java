package dev.cronmon.alerts.senders;

import dev.cronmon.domain.alert.Notification;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Date;

/** A notification as a MIME message (UTF-8 subject and text encoded as needed), for SMTP and .eml files alike. */
final class MimeMessages {
  private MimeMessages() {}

  static MimeMessage of(Session session, String from, Notification.Email email, Instant sentAt) throws MessagingException {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress(from, true));
    for (String to : email.to()) message.addRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
    message.setSubject(email.subject(), "UTF-8");
    message.setText(email.text(), "UTF-8");
    message.setSentDate(Date.from(sentAt));
    message.setHeader("X-Mailer", dev.cronmon.domain.alert.AlertMessages.USER_AGENT);
    message.saveChanges();
    return message;
  }
}
