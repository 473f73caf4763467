package dev.cronmon.moto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MotoExtensionTest {

  @Test
  void everyTestNamedAsNotOnMoto_exists() throws ClassNotFoundException {
    // A renamed test would silently run on moto again (or its skip would linger): each name must still resolve.
    for (String name : MotoExtension.NOT_ON_MOTO.keySet()) {
      String[] parts = name.split("#", 2);
      Class<?> type = Class.forName(parts[0]);
      if (parts.length == 2) {
        assertThat(Arrays.stream(type.getDeclaredMethods()).map(m -> m.getName())).as(name).contains(parts[1]);
      }
    }
    assertThat(MotoExtension.NOT_ON_MOTO).isNotEmpty();
  }
}
