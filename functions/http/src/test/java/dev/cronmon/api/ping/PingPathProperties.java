package dev.cronmon.api.ping;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;

/**
 * Property tests, no I/O: the ping path parser against a model of healthchecks' own URL patterns (hc/api/urls.py:
 * {@code ping/<uuid>}, {@code ping/<uuid>/fail|start|log|<int>}, {@code ping/<slug:key>/<slug>[/fail|start|log|<int>]},
 * the UUID patterns tried first, exit statuses above 255 and slugs with capitals answered 400), over paths built from
 * the pieces that matter and from junk.
 */
class PingPathProperties {
  private static final String UUID_RE = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
  private static final String SLUG_RE = "[-a-zA-Z0-9_]+";
  private static final Pattern BY_UUID = Pattern.compile("(" + UUID_RE + ")(?:/(start|fail|log|[0-9]+))?");
  private static final Pattern BY_SLUG = Pattern.compile("(" + SLUG_RE + ")/(" + SLUG_RE + ")(?:/(start|fail|log|[0-9]+))?");

  /** What healthchecks answers for {@code /ping/<path>}, written as its URL resolver works: pattern by pattern. */
  static PingPath model(String path) {
    Matcher uuid = BY_UUID.matcher(path);
    if (uuid.matches()) return outcome(uuid.group(2), signal -> new PingPath.ByUuid(UUID.fromString(uuid.group(1)), signal));
    Matcher slug = BY_SLUG.matcher(path);
    if (slug.matches()) {
      PingPath outcome = outcome(slug.group(3), signal -> new PingPath.BySlug(slug.group(1), slug.group(2), signal));
      if (outcome instanceof PingPath.BySlug && !slug.group(2).equals(slug.group(2).toLowerCase(Locale.ROOT))) return PingPath.INVALID_URL;
      return outcome;
    }
    return PingPath.NOT_FOUND;
  }

  private static PingPath outcome(String signal, java.util.function.Function<PingPath.Signal, PingPath> found) {
    if (signal == null) return found.apply(PingPath.Signal.SUCCESS);
    return switch (signal) {
      case "start" -> found.apply(new PingPath.Signal(PingPath.Kind.START, null));
      case "fail" -> found.apply(new PingPath.Signal(PingPath.Kind.FAIL, null));
      case "log" -> found.apply(new PingPath.Signal(PingPath.Kind.LOG, null));
      default -> new BigInteger(signal).compareTo(BigInteger.valueOf(255)) > 0 ? PingPath.INVALID_URL
          : found.apply(new PingPath.Signal(PingPath.Kind.EXIT_STATUS, Integer.parseInt(signal)));
    };
  }

  @Property(tries = 2000)
  void everyPath_isReadAsHealthchecksReadsIt(@ForAll("paths") List<String> segments) {
    String path = String.join("/", segments);

    assertThat(PingPath.parse(path)).isEqualTo(model(path));
  }

  @Property
  void anExitStatus_from0To255_isThatStatus_andAboveIs400(@ForAll("uuids") UUID uuid, @ForAll("numbers") BigInteger n) {
    PingPath byUuid = PingPath.parse(uuid + "/" + n);
    PingPath bySlug = PingPath.parse("fqOOd6-F4MMNuCEnzTU01w/backup/" + n);

    if (n.compareTo(BigInteger.valueOf(255)) > 0) {
      assertThat(byUuid).isEqualTo(PingPath.INVALID_URL);
      assertThat(bySlug).isEqualTo(PingPath.INVALID_URL);
    } else {
      PingPath.Signal exit = new PingPath.Signal(PingPath.Kind.EXIT_STATUS, n.intValue());
      assertThat(byUuid).isEqualTo(new PingPath.ByUuid(uuid, exit));
      assertThat(bySlug).isEqualTo(new PingPath.BySlug("fqOOd6-F4MMNuCEnzTU01w", "backup", exit));
    }
  }

  @Example
  void theDocumentedEndpoints_areEachReadAsTheirSignal() {
    UUID u = UUID.fromString("5bf66975-d4c7-4bf5-bcc8-b8d8a82ea278");
    assertThat(PingPath.parse(u.toString())).isEqualTo(new PingPath.ByUuid(u, PingPath.Signal.SUCCESS));
    assertThat(PingPath.parse(u + "/start")).isEqualTo(new PingPath.ByUuid(u, new PingPath.Signal(PingPath.Kind.START, null)));
    assertThat(PingPath.parse(u + "/fail")).isEqualTo(new PingPath.ByUuid(u, new PingPath.Signal(PingPath.Kind.FAIL, null)));
    assertThat(PingPath.parse(u + "/log")).isEqualTo(new PingPath.ByUuid(u, new PingPath.Signal(PingPath.Kind.LOG, null)));
    assertThat(PingPath.parse(u + "/1")).isEqualTo(new PingPath.ByUuid(u, new PingPath.Signal(PingPath.Kind.EXIT_STATUS, 1)));
    assertThat(PingPath.parse("fqOOd6-F4MMNuCEnzTU01w/database-backup"))
        .isEqualTo(new PingPath.BySlug("fqOOd6-F4MMNuCEnzTU01w", "database-backup", PingPath.Signal.SUCCESS));
    assertThat(PingPath.parse("fqOOd6-F4MMNuCEnzTU01w/Database-Backup")).isEqualTo(PingPath.INVALID_URL);
    assertThat(PingPath.parse(u + "/256")).isEqualTo(PingPath.INVALID_URL);
    assertThat(PingPath.parse("not-a-uuid")).isEqualTo(PingPath.NOT_FOUND);
    assertThat(PingPath.parse(u + "/stop")).as("a UUID and a slug: a ping key and a slug")
        .isEqualTo(new PingPath.BySlug(u.toString(), "stop", PingPath.Signal.SUCCESS));
  }

  @Provide
  Arbitrary<List<String>> paths() {
    Arbitrary<String> segment = Arbitraries.oneOf(
        uuids().map(UUID::toString),
        uuids().map(u -> u.toString().toUpperCase(Locale.ROOT)),
        Arbitraries.of("start", "fail", "log", "Start", "LOG", "success", "", "-1", "0", "00255", "256", "1e3"),
        numbers().map(BigInteger::toString),
        Arbitraries.strings().withChars("abcxyz019-_").ofMinLength(1).ofMaxLength(12),
        Arbitraries.strings().withChars("aZ9-_ .%#é\u0000/").ofMinLength(1).ofMaxLength(8),
        Arbitraries.strings().ofMaxLength(20));
    return segment.list().ofMinSize(0).ofMaxSize(5);
  }

  @Provide
  Arbitrary<UUID> uuids() {
    return Arbitraries.create(UUID::randomUUID);
  }

  @Provide
  Arbitrary<BigInteger> numbers() {
    return Arbitraries.oneOf(Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.valueOf(300)),
        Arbitraries.bigIntegers().between(BigInteger.ZERO, new BigInteger("99999999999999999999999")));
  }
}
