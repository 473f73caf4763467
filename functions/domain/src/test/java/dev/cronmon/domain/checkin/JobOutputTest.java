package dev.cronmon.domain.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Unit layer (no I/O): what is kept of a job's output and how it is shown (docs/semantics.md rule C12). */
class JobOutputTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void outputWithinTheLimit_isKeptWhole() {
    JobOutput out = JobOutput.of(utf8("hello\n"), 10);

    assertThat(out.kept()).isEqualTo(utf8("hello\n"));
    assertThat(out.receivedBytes()).isEqualTo(6);
    assertThat(out.truncated()).isFalse();
    assertThat(JobOutput.of(new byte[0], 10)).as("no output").isNull();
  }

  @Test
  void outputOverTheLimit_keepsTheFirstAndTheLastHalf_withAMarkerBetween() {
    byte[] received = utf8("BEGIN-" + "x".repeat(1000) + "-the error at the end");

    JobOutput out = JobOutput.of(received, 40);

    assertThat(out.truncated()).isTrue();
    assertThat(out.receivedBytes()).isEqualTo(received.length);
    assertThat(out.text()).startsWith("BEGIN-" + "x".repeat(14) + "\n[… " + (received.length - 40) + " bytes of output not kept …]\n")
        .endsWith(" bytes of output not kept …]\nthe error at the end");
  }

  @Test
  void binaryAndControlBytes_areShownEscaped_textIsKept() {
    byte[] received = {'o', 'k', ' ', (byte) 0xc3, (byte) 0xa9, '\n', 0x1b, '[', '3', '1', 'm', 0, (byte) 0xff, (byte) 0xc3, '<', '\t'};

    assertThat(JobOutput.of(received, 100).text()).isEqualTo("ok é\n\\x1b[31m\\x00\\xff\\xc3<\t");
  }

  @Test
  void tail_isTheLastLines_withoutTheTrailingNewline() {
    JobOutput out = JobOutput.of(utf8("one\ntwo\nthree\nfour\n\n"), 100);

    assertThat(out.tail(2, 100)).isEqualTo("three\nfour");
    assertThat(out.tail(10, 100)).isEqualTo("one\ntwo\nthree\nfour");
    assertThat(out.tail(2, 4)).isEqualTo("four");
  }

  @Property
  void whateverComes_atMostTheLimitIsKept_itsEndsAsReceived_andItsTextHasNoControlCharacters(
      @ForAll @Size(max = 3000) byte[] received, @ForAll @IntRange(min = 2, max = 1000) int limit) {
    JobOutput out = JobOutput.of(received, limit);
    if (received.length == 0) {
      assertThat(out).isNull();
      return;
    }
    byte[] kept = out.kept();
    assertThat(out.receivedBytes()).isEqualTo(received.length);
    assertThat(out.truncated()).isEqualTo(received.length > limit);
    if (!out.truncated()) {
      assertThat(kept).isEqualTo(received);
    } else {
      int head = limit / 2;
      int tail = limit - head;
      assertThat(kept).hasSize(limit + JobOutput.marker(received.length - limit).length);
      assertThat(Arrays.copyOfRange(kept, 0, head)).isEqualTo(Arrays.copyOfRange(received, 0, head));
      assertThat(Arrays.copyOfRange(kept, kept.length - tail, kept.length))
          .isEqualTo(Arrays.copyOfRange(received, received.length - tail, received.length));
    }
    assertThat(out.text().codePoints().filter(c -> Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r')).isEmpty();
    assertThat(JobOutput.stored(kept, out.receivedBytes(), out.truncated())).isEqualTo(out);
  }
}
