package dev.cronmon.api.sentry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Unit tests, no I/O: {@link SentryAuth} and {@link Dsn}. */
class SentryAuthTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "Sentry sentry_version=7,sentry_client=sentry.java/8.62.0,sentry_key=abc", // Java SDK 8.62
      "Sentry sentry_key=abc, sentry_version=7, sentry_client=sentry.python/2.0.0",
      "sentry sentry_key=abc,sentry_version=7",
      "SENTRY   sentry_key = abc ,sentry_secret=s3cr3t",
      "sentry_key=abc, sentry_version=7", // no prefix
      "  Sentry sentry_timestamp=1700000000.1, sentry_key=abc  ",
      "Sentry sentry_key=\"abc\", sentry_version=7"})
  void publicKeyFromAuthHeader_shouldFindTheKey_inEverySpelling(String header) {
    assertThat(SentryAuth.publicKeyFromAuthHeader(header)).contains("abc");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {
      "Sentry sentry_version=7", "Sentry sentry_key=", "Sentry sentry_key= ,sentry_version=7",
      "Bearer sntrys_abc", "Basic YWJjOg==", "DSN https://abc@host/1", "Sentry", "Sentry key=abc",
      "Sentry xsentry_key=abc", "=abc,,="})
  void publicKeyFromAuthHeader_shouldBeEmpty_whenNoKey(String header) {
    assertThat(SentryAuth.publicKeyFromAuthHeader(header)).isEmpty();
  }

  @Test
  void publicKeyFromQuery_shouldFindTheKey() {
    assertThat(SentryAuth.publicKeyFromQuery("sentry_key=abc&sentry_version=7")).contains("abc");
    assertThat(SentryAuth.publicKeyFromQuery("?sentry_version=7&sentry_key=abc")).contains("abc");
    assertThat(SentryAuth.publicKeyFromQuery("status=ok&sentry%5Fkey=a%20b")).contains("a b");
    assertThat(SentryAuth.publicKeyFromQuery("sentry_key=")).isEmpty();
    assertThat(SentryAuth.publicKeyFromQuery("sentry_keyx=abc")).isEmpty();
    assertThat(SentryAuth.publicKeyFromQuery("sentry_key=%zz")).contains("%zz");
    assertThat(SentryAuth.publicKeyFromQuery("")).isEmpty();
    assertThat(SentryAuth.publicKeyFromQuery(null)).isEmpty();
  }

  @Test
  void publicKeyFromBasicAuth_shouldTakeTheUserPart() {
    assertThat(SentryAuth.publicKeyFromBasicAuth("Basic " + base64("abc:"))).contains("abc");
    assertThat(SentryAuth.publicKeyFromBasicAuth("basic " + base64("abc:ignored"))).contains("abc");
    assertThat(SentryAuth.publicKeyFromBasicAuth("BASIC  " + base64("abc"))).contains("abc");
    assertThat(SentryAuth.publicKeyFromBasicAuth("Basic " + base64("abc:").replace("=", ""))).contains("abc");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"Basic", "Basic ", "Basic !!!not-base64", "Basic Og==" /* ":" */,
      "Bearer YWJjOg==", "Basicx YWJjOg==", "Sentry sentry_key=abc"})
  void publicKeyFromBasicAuth_shouldBeEmpty_whenNotBasicWithAKey(String header) {
    assertThat(SentryAuth.publicKeyFromBasicAuth(header)).isEmpty();
  }

  @Test
  void dsnFromAuthorization_shouldParseTheDsn() {
    assertThat(SentryAuth.dsnFromAuthorization("DSN https://abc@cronmon.example.com/42"))
        .get().extracting(Dsn::publicKey, Dsn::projectId).containsExactly("abc", "42");
    assertThat(SentryAuth.dsnFromAuthorization("dsn https://abc@h/7")).isPresent();
    assertThat(SentryAuth.dsnFromAuthorization("Bearer https://abc@h/7")).isEmpty();
    assertThat(SentryAuth.dsnFromAuthorization("DSN not-a-dsn")).isEmpty();
    assertThat(SentryAuth.dsnFromAuthorization(null)).isEmpty();
  }

  @Test
  void dsnParse_shouldReadEveryPart() {
    assertThat(Dsn.parse("https://e12d836b15bb49d7bbf99e64295d995b:secret@o1.ingest.example.com:8443/prefix/path/42/"))
        .contains(new Dsn("https", "e12d836b15bb49d7bbf99e64295d995b", "secret", "o1.ingest.example.com", 8443,
            "prefix/path", "42"));
    assertThat(Dsn.parse("http://abc@localhost/1"))
        .contains(new Dsn("http", "abc", null, "localhost", -1, "", "1"));
    assertThat(Dsn.parse(" HTTPS://abc:@[::1]:9000/5 "))
        .contains(new Dsn("https", "abc", null, "[::1]", 9000, "", "5"));
    assertThat(Dsn.parse("https://abc@[::1]/5")).get().extracting(Dsn::host, Dsn::port)
        .containsExactly("[::1]", -1);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {
      "abc@host/1", "ftp://abc@host/1", "https://host/1", "https://@host/1", "https://:s@host/1",
      "https://abc@/1", "https://abc@host", "https://abc@host/", "https://abc@host/project",
      "https://abc@host/1?x=y", "https://abc@host/1#f", "https://abc@host:port/1",
      "https://abc@host:99999/1", "https://abc@host:/1", "https://"})
  void dsnParse_shouldBeEmpty_whenNotADsn(String dsn) {
    assertThat(Dsn.parse(dsn)).isEmpty();
  }

  private static String base64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
