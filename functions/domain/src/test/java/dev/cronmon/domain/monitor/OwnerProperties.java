package dev.cronmon.domain.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Unit layer, no I/O: the owner parser (docs/semantics.md rule O1) against generated owners and arbitrary strings. */
class OwnerProperties {

  @Property
  void everyActor_isKeptAsGiven(@ForAll("actors") String actor) {
    Owner owner = Owner.parse(actor).value().orElseThrow();

    assertThat(owner.value()).isEqualTo(actor);
    assertThat(owner.kind().wire() + ":" + owner.id()).isEqualTo(actor);
    assertThat(owner.email()).isEmpty();
  }

  @Property
  void everyAddress_isAnEmailOwner(@ForAll("addresses") String address) {
    Owner owner = Owner.parse(address).value().orElseThrow();

    assertThat(owner.kind()).isEqualTo(Owner.Kind.EMAIL);
    assertThat(owner.email()).contains(address);
    assertThat(owner.matches(Owner.parse(address.toUpperCase(java.util.Locale.ROOT)).value().orElseThrow())).isTrue();
  }

  @Property(tries = 2000)
  void anyString_parsesToAnOwnerOrAProblem_neverBoth_neverThrows(@ForAll String raw) {
    Owner.Parsed parsed = Owner.parse(raw);

    assertThat(parsed.owner() == null).isNotEqualTo(parsed.problem() == null);
    if (parsed.owner() != null) {
      assertThat(parsed.owner().value()).isEqualTo(raw);
      assertThat(raw).hasSizeLessThanOrEqualTo(Owner.MAX_LENGTH).doesNotContainAnyWhitespaces();
    }
  }

  @Property
  void stringsWithoutAnActorPrefixOrAnAt_areRefused(@ForAll("words") String word) {
    assertThat(Owner.parse(word).owner()).isNull();
    assertThat(Owner.parse("group:" + word).owner()).isNull();
    assertThat(Owner.parse("user:").owner()).isNull();
  }

  @Example
  void tooLong_orMalformed_areRefusedWithAMessage() {
    assertThat(Owner.parse("a".repeat(250) + "@b.co").problem()).contains("254");
    assertThat(Owner.parse("dana@localhost").problem()).isNotNull();
    assertThat(Owner.parse("dana@@example.com").problem()).isNotNull();
    assertThat(Owner.parse("user: 1").problem()).isNotNull();
    assertThat(Owner.parse(null).problem()).isNotNull();
  }

  @Provide
  Arbitrary<String> actors() {
    Arbitrary<String> id = Combinators.combine(Arbitraries.strings().alpha().numeric().ofLength(1),
        Arbitraries.strings().alpha().numeric().withChars('_', '.', '-').ofMaxLength(63)).as(String::concat);
    return Combinators.combine(Arbitraries.of("user", "team"), id).as((kind, i) -> kind + ":" + i);
  }

  @Provide
  Arbitrary<String> addresses() {
    Arbitrary<String> local = Arbitraries.strings().alpha().numeric().withChars('.', '+', '_').ofMinLength(1).ofMaxLength(30)
        .filter(s -> !s.startsWith(".") && !s.endsWith(".") && !s.contains(".."));
    Arbitrary<String> label = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(20);
    return Combinators.combine(local, label.list().ofMinSize(2).ofMaxSize(4)).as((l, labels) -> l + "@" + String.join(".", labels));
  }

  @Provide
  Arbitrary<String> words() {
    return Arbitraries.strings().alpha().numeric().withChars(' ', '-', '_', '.').ofMinLength(1).ofMaxLength(40);
  }
}
