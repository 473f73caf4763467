package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StartOptionsTest {

  @Test
  void help_describesEveryOptionAndCommand_withAnExampleThatParses() {
    String help = StartOptions.help();

    for (StartOptions.Option o : StartOptions.OPTIONS) {
      assertThat(help).contains("  " + o.name()).contains(o.description()).contains("e.g. java -jar cronmon-local.jar " + o.example());
      StartOptions.parse(o.example().split(" ")); // throws if an example is wrong
    }
    for (String command : new String[] {"export", "import", "bootstrap", "limits"}) {
      assertThat(help).contains("\n  " + command + "\n").contains("e.g. java -jar cronmon-local.jar " + command + " ");
    }
  }

  @Test
  void parse_readsEveryOption() {
    StartOptions o = StartOptions.parse(new String[] {"--host", "0.0.0.0", "--port", "9090", "--public-url",
        "https://Cron.Example.com:8443/", "--trust-proxy", "--data-dir", "/var/lib/cronmon", "--allow-loopback-alerts"});

    assertThat(o.host).isEqualTo("0.0.0.0");
    assertThat(o.port).isEqualTo(9090);
    assertThat(o.publicUrl).isEqualTo(URI.create("https://Cron.Example.com:8443"));
    assertThat(o.trustProxy).isTrue();
    assertThat(o.dataDir).isEqualTo(Path.of("/var/lib/cronmon"));
    assertThat(o.environment).containsEntry("ALLOW_PRIVATE_ALERT_TARGETS", "true");
    assertThat(StartOptions.parse(new String[] {}).host).isEqualTo("127.0.0.1");
    assertThat(StartOptions.parse(new String[] {"--in-memory"}).dataDir).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"cron.example.com", "ftp://cron.example.com", "https://cron.example.com/cronmon",
      "https://user@cron.example.com", "https://cron.example.com/?a=1", "https://", "http://exa mple.com"})
  void publicUrl_otherThanSchemeHostAndPort_isRefused(String url) {
    assertThatThrownBy(() -> StartOptions.parse(new String[] {"--public-url", url}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--public-url");
  }

  @Test
  void badPortUnknownOptionAndMissingValue_sayWhatIsWrong() {
    assertThatThrownBy(() -> StartOptions.parse(new String[] {"--port", "70000"})).hasMessageContaining("0 to 65535");
    assertThatThrownBy(() -> StartOptions.parse(new String[] {"--prot", "1"})).hasMessageContaining("unknown option --prot");
    assertThatThrownBy(() -> StartOptions.parse(new String[] {"--host"})).hasMessageContaining("--host needs a value");
  }
}
