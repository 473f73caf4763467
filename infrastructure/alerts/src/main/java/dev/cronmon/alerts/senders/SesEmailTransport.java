package dev.cronmon.alerts.senders;

import dev.cronmon.domain.alert.Notification;
import dev.cronmon.domain.alert.SendResult;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

/**
 * Email through Amazon SES (API v2) with the function's IAM role: no stored credentials. The sender identity
 * ({@code EMAIL_FROM}) must be verified in SES; the template scopes {@code ses:SendEmail} to it.
 */
public final class SesEmailTransport implements EmailTransport {
  private final SesV2Client ses;
  private final String from;

  public SesEmailTransport(SesV2Client ses, String from) {
    this.ses = ses;
    this.from = from;
  }

  @Override
  public SendResult send(Notification.Email email) {
    try {
      var r = ses.sendEmail(b -> b.fromEmailAddress(from)
          .destination(d -> d.toAddresses(email.to()))
          .content(c -> c.simple(m -> m
              .subject(s -> s.data(email.subject()).charset("UTF-8"))
              .body(body -> body.text(t -> t.data(email.text()).charset("UTF-8"))))));
      return SendResult.delivered("SES message " + r.messageId());
    } catch (TooManyRequestsException e) {
      return SendResult.transientFailure("SES throttled: " + e.getMessage(), null);
    } catch (SesV2Exception e) {
      String detail = "SES " + e.statusCode() + ": " + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage());
      return e.statusCode() >= 500 || e.statusCode() == 429 ? SendResult.transientFailure(detail, null) : SendResult.permanentFailure(detail);
    } catch (SdkClientException e) {
      return SendResult.transientFailure("SES unreachable: " + e.getMessage(), null);
    }
  }
}
