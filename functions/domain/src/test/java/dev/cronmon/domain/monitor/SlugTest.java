package dev.cronmon.domain.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SlugTest {

  @ParameterizedTest
  @CsvSource({
      "Nightly Job,nightly-job",
      "  Backup   DB  ,backup-db",
      "Café Report,cafe-report",
      "job-,job",
      "UPPER_case,upper_case",
  })
  void normalize_followsSentrysSlugify(String raw, String expected) {
    assertThat(Slug.normalize(raw)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "123", "has space", "UPPER", "a/b", "ü"})
  void problem_refusesInvalidSlugs(String slug) {
    assertThat(Slug.problem(slug)).isPresent();
  }

  @Property
  void normalize_alwaysYieldsAValidOrEmptyOrNumericSlug(@ForAll String raw) {
    String slug = Slug.normalize(raw);

    assertThat(slug.length()).isLessThanOrEqualTo(Slug.MAX_LENGTH);
    assertThat(slug).matches("[a-z0-9_-]*");
    assertThat(slug).doesNotEndWith("-");
  }
}
