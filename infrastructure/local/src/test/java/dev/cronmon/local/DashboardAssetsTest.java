package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The dashboard's files as the local stack serves them (from the manage function, routed by template.yaml). */
class DashboardAssetsTest extends LocalStackTestBase {
  private static final Pattern ASSET_URL = Pattern.compile("/ui/([0-9a-f]{12})/([a-z0-9-]+\\.[a-z]+)");
  private static final Pattern RELATIVE_IMPORT = Pattern.compile("from '\\./([a-z0-9-]+\\.js)'");

  private String header(Response r, String name) {
    return r.headers().getOrDefault(name.toLowerCase(), List.of("")).get(0);
  }

  @Test
  void root_servesThePage_neverCached_withAStrictContentSecurityPolicy() {
    Response page = send("GET", "/", null);

    assertThat(page.status()).isEqualTo(200);
    assertThat(header(page, "Content-Type")).isEqualTo("text/html; charset=utf-8");
    assertThat(header(page, "Cache-Control")).isEqualTo("no-cache");
    assertThat(header(page, "Content-Security-Policy"))
        .contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
        .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:");
    assertThat(header(page, "X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(page.body()).contains("<script type=\"module\" src=\"/ui/").doesNotContain("{{version}}");
  }

  @Test
  void page_hasNoInlineScriptOrStyle_andLoadsNothingFromElsewhere() {
    String html = send("GET", "/", null).body();

    assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>").matcher(html).find()).as("inline <script>").isFalse();
    assertThat(html).doesNotContain("<style", " style=", "http://", "https://", "//fonts.");
  }

  @Test
  void assets_ofTheCurrentVersion_areCachedForAYear_withTheirContentType() {
    Matcher m = ASSET_URL.matcher(send("GET", "/", null).body());
    List<String> urls = new ArrayList<>();
    while (m.find()) urls.add(m.group());

    assertThat(urls).anyMatch(u -> u.endsWith("/app.js")).anyMatch(u -> u.endsWith("/app.css"));
    for (String url : urls) {
      Response asset = send("GET", url, null);
      assertThat(asset.status()).as(url).isEqualTo(200);
      assertThat(header(asset, "Cache-Control")).as(url).isEqualTo("public, max-age=31536000, immutable");
      assertThat(header(asset, "Content-Security-Policy")).as(url).isNotEmpty();
      assertThat(header(asset, "X-Content-Type-Options")).as(url).isEqualTo("nosniff");
    }
    assertThat(header(send("GET", urls.stream().filter(u -> u.endsWith(".js")).findFirst().orElseThrow(), null), "Content-Type"))
        .isEqualTo("text/javascript; charset=utf-8");
    assertThat(header(send("GET", urls.stream().filter(u -> u.endsWith(".css")).findFirst().orElseThrow(), null), "Content-Type"))
        .isEqualTo("text/css; charset=utf-8");
  }

  @Test
  void everyModuleTheAppImports_isServed() {
    Matcher app = ASSET_URL.matcher(send("GET", "/", null).body());
    assertThat(app.find()).isTrue();
    String version = app.group(1);
    Set<String> seen = new LinkedHashSet<>();
    List<String> queue = new ArrayList<>(List.of("app.js"));

    while (!queue.isEmpty()) {
      String file = queue.remove(0);
      if (!seen.add(file)) continue;
      Response module = send("GET", "/ui/" + version + "/" + file, null);
      assertThat(module.status()).as(file).isEqualTo(200);
      Matcher imports = RELATIVE_IMPORT.matcher(module.body());
      while (imports.find()) queue.add(imports.group(1));
    }

    assertThat(seen).contains("api.js", "list.js", "detail.js", "form.js", "channels.js", "timeline.js", "schedule.js", "snippets.js");
  }

  @Test
  void assetOfAnOlderVersion_isServedButNotCached() {
    Response stale = send("GET", "/ui/000000000000/app.js", null);

    assertThat(stale.status()).isEqualTo(200);
    assertThat(header(stale, "Cache-Control")).isEqualTo("no-cache");
  }

  @Test
  void unknownFiles_are404Json_andThePageIsNotAnAsset() {
    for (String path : List.of("/ui/x/nope.js", "/ui/x/index.html", "/ui/x/..%2Fapp.js", "/ui/x/%2e%2e", "/ui/app.js")) {
      Response r = send("GET", path, null);
      assertThat(r.status()).as(path).isEqualTo(404);
      assertThat(header(r, "Content-Type")).as(path).isEqualTo("application/json");
    }
  }
}
