package dev.cronmon.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.common.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The dashboard's routes (no I/O): any path answers 200 only with one of the files, else a JSON 4xx; never a 5xx. */
class StaticAssetsProperties {
  private static final Map<String, String> FILES = Map.of(
      "index.html", "<script type=\"module\" src=\"/ui/{{version}}/app.js\"></script>",
      "app.js", "import './api.js';",
      "api.js", "export {};",
      "app.css", "body{}");
  private final StaticAssets assets = new StaticAssets(FILES);
  private final Router router = new Router();

  StaticAssetsProperties() {
    assets.register(router);
  }

  private ApiResponse get(String path) {
    return router.handle(new ApiRequest("GET", path, Map.of(), Map.of(), new byte[0]));
  }

  @Property
  void anyPath_answersAFileOrAJson4xx_neverA5xx(@ForAll("paths") String path) {
    ApiResponse r = get(path);

    assertThat(r.status()).isIn(200, 400, 404);
    if (r.status() == 200) {
      assertThat(FILES.values().stream().anyMatch(f -> r.body().equals(f) || r.body().equals(f.replace("{{version}}", assets.version())))).isTrue();
      assertThat(r.headers()).containsKeys("Content-Security-Policy", "Cache-Control", "X-Content-Type-Options");
    } else {
      assertThat(r.headers().get("Content-Type")).isEqualTo("application/json");
      assertThat(Json.parse(r.body().getBytes(StandardCharsets.UTF_8)).has("detail")).isTrue();
    }
  }

  @Property
  void version_changesWhenAnyFileChanges(@ForAll("fileNames") String name, @ForAll String extra) {
    Map<String, String> changed = new java.util.HashMap<>(FILES);
    changed.merge(name, extra + "x", (a, b) -> a + b);

    assertThat(new StaticAssets(changed).version()).isNotEqualTo(assets.version());
  }

  @Example
  void page_carriesTheVersionInItsAssetUrls() {
    ApiResponse page = get("/");

    assertThat(page.body()).isEqualTo("<script type=\"module\" src=\"/ui/" + assets.version() + "/app.js\"></script>");
    assertThat(page.headers().get("Cache-Control")).isEqualTo("no-cache");
  }

  @Example
  void withoutBundledFiles_theRootIsA404_notAnError() {
    Router empty = new Router();
    new StaticAssets(Map.of()).register(empty);

    ApiResponse r = empty.handle(new ApiRequest("GET", "/", Map.of(), Map.of(), new byte[0]));

    assertThat(r.status()).isEqualTo(404);
  }

  @Provide
  Arbitrary<String> fileNames() {
    return Arbitraries.of(FILES.keySet());
  }

  @Provide
  Arbitrary<String> paths() {
    Arbitrary<String> segment = Arbitraries.oneOf(
        Arbitraries.of("ui", "app.js", "api.js", "index.html", "app.css", "..", ".", "%2e%2e", "%2F", "%", "%zz", assets.version(), ""),
        Arbitraries.strings().ofMaxLength(20));
    return segment.list().ofMaxSize(4).map(parts -> "/" + String.join("/", parts));
  }
}
