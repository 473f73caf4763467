package dev.cronmon.alerts.senders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.alert.Notification;
import dev.cronmon.domain.alert.RecordingReceiver;
import dev.cronmon.domain.alert.RecordingReceiver.Answer;
import dev.cronmon.domain.alert.SendResult;
import dev.cronmon.domain.alert.UrlPolicy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Local integration layer: real HTTP to a recording receiver on loopback, classified the way delivery needs it. */
class HttpSenderTest {
  private final RecordingReceiver receiver = new RecordingReceiver();
  private final HttpSender sender = new HttpSender(UrlPolicy.allowingPrivateTargets(UrlPolicy.SYSTEM_RESOLVER));

  @AfterEach
  void stop() {
    receiver.close();
  }

  private Notification.HttpPost post(String path) {
    return new Notification.HttpPost(receiver.url(path), "{\"hello\":\"wörld\"}",
        Map.of("Content-Type", "application/json", "Cronmon-Signature", "t=1,v1=ab", "User-Agent", "cronmon-alerts/1"));
  }

  @Test
  void send_postsBodyAndHeaders_andA2xxIsDelivered() {
    SendResult result = sender.send(post("/hook"));

    assertThat(result.kind()).isEqualTo(SendResult.Kind.DELIVERED);
    RecordingReceiver.Request got = receiver.requests().get(0);
    assertThat(got.method()).isEqualTo("POST");
    assertThat(got.path()).isEqualTo("/hook");
    assertThat(got.body()).isEqualTo("{\"hello\":\"wörld\"}");
    assertThat(got.header("Content-Type")).isEqualTo("application/json");
    assertThat(got.header("Cronmon-Signature")).isEqualTo("t=1,v1=ab");
    assertThat(got.header("User-Agent")).isEqualTo("cronmon-alerts/1");
  }

  @Test
  void send_classifies5xxAnd429AsTransient_keepingRetryAfter() {
    receiver.answer(new Answer(503, "busy", Map.of()), new Answer(429, "", Map.of("Retry-After", "3")));

    SendResult unavailable = sender.send(post("/hook"));
    SendResult throttled = sender.send(post("/hook"));

    assertThat(unavailable.kind()).isEqualTo(SendResult.Kind.TRANSIENT);
    assertThat(unavailable.detail()).isEqualTo("HTTP 503: busy");
    assertThat(throttled.kind()).isEqualTo(SendResult.Kind.TRANSIENT);
    assertThat(throttled.retryAfter()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void send_classifiesOther4xxAndRedirectsAsPermanent_withoutFollowingTheRedirect() {
    receiver.answer(new Answer(410, "channel_is_archived", Map.of()),
        new Answer(302, "", Map.of("Location", receiver.url("/elsewhere"))));

    SendResult gone = sender.send(post("/hook"));
    SendResult redirected = sender.send(post("/hook"));

    assertThat(gone.kind()).isEqualTo(SendResult.Kind.PERMANENT);
    assertThat(gone.detail()).isEqualTo("HTTP 410: channel_is_archived");
    assertThat(redirected.kind()).isEqualTo(SendResult.Kind.PERMANENT);
    assertThat(receiver.requests()).extracting(RecordingReceiver.Request::path).containsExactly("/hook", "/hook");
  }

  @Test
  void send_refusesAPrivateTarget_underTheAwsPolicy_withoutConnecting() {
    HttpSender strict = new HttpSender(UrlPolicy.publicHttpsOnly(host -> List.of(InetAddress.getLoopbackAddress())));

    SendResult result = strict.send(new Notification.HttpPost("https://receiver.example/hook", "{}", Map.of()));

    assertThat(result.kind()).isEqualTo(SendResult.Kind.PERMANENT);
    assertThat(result.detail()).startsWith("refused URL:");
    assertThat(receiver.requests()).isEmpty();
  }

  @Test
  void send_toAClosedPort_isTransient() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }

    SendResult result = sender.send(new Notification.HttpPost("http://127.0.0.1:" + closedPort + "/hook", "{}", Map.of()));

    assertThat(result.kind()).isEqualTo(SendResult.Kind.TRANSIENT);
  }

  @Test
  void classify_coversTheStatusFamilies() {
    assertThat(HttpSender.classify(202, "", null).kind()).isEqualTo(SendResult.Kind.DELIVERED);
    assertThat(HttpSender.classify(408, "", null).kind()).isEqualTo(SendResult.Kind.TRANSIENT);
    assertThat(HttpSender.classify(500, "", "soon").retryAfter()).isNull();
    assertThat(HttpSender.classify(400, "", null).kind()).isEqualTo(SendResult.Kind.PERMANENT);
    assertThat(HttpSender.classify(404, "", null).kind()).isEqualTo(SendResult.Kind.PERMANENT);
  }
}
