package dev.cronmon.api;

import dev.cronmon.domain.auth.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The dashboard: a static single-page app (plain ES modules, CSS, SVG) served from the classpath folder
 * {@code dashboard/} by the manage function. {@code GET /} answers index.html, never cached, whose asset URLs carry a
 * hash of every file ({@code /ui/{version}/app.js}); the assets are then cached for a year, and a deploy changes the
 * version. Every answer carries a strict Content-Security-Policy: only this origin, no inline script or style.
 */
public final class StaticAssets {
  static final String CLASSPATH_FOLDER = "dashboard";
  /** Written in index.html wherever an asset URL needs the version. */
  static final String VERSION_PLACEHOLDER = "{{version}}";
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";

  private final Map<String, String> files;
  private final String version;
  private final String index;

  /** {@code files} by name (no folders); {@code index.html} is the page. */
  public StaticAssets(Map<String, String> files) {
    this.files = Map.copyOf(files);
    this.version = versionOf(files);
    String page = files.get("index.html");
    this.index = page == null ? null : page.replace(VERSION_PLACEHOLDER, version);
  }

  /** The files of the classpath folder {@code dashboard/}; none when this classpath does not bundle the dashboard. */
  public static StaticAssets fromClasspath() {
    return new StaticAssets(readClasspathFolder(CLASSPATH_FOLDER));
  }

  public void register(Router router) {
    router.add("GET", "/", (request, params) -> page());
    // Uptime checks and link previews ask HEAD: the page's headers, no body (the Router drops it).
    router.add("HEAD", "/", (request, params) -> page());
    router.add("GET", "/ui/{version}/{file}", (request, params) -> asset(params.get("version"), params.get("file")));
  }

  public String version() {
    return version;
  }

  private ApiResponse page() {
    if (index == null) throw ApiException.detail(404, "The dashboard is not bundled with this build");
    return secured(ApiResponse.text(200, "text/html; charset=utf-8", index)).withHeader("Cache-Control", "no-cache");
  }

  private ApiResponse asset(String requestedVersion, String file) {
    String body = file.equals("index.html") ? null : files.get(file);
    if (body == null) throw ApiException.notFound("File");
    // A page loaded before a deploy asks for the old version: answer the current file, but let nobody keep it.
    String caching = requestedVersion.equals(version) ? IMMUTABLE : "no-cache";
    return secured(ApiResponse.text(200, contentType(file), body)).withHeader("Cache-Control", caching);
  }

  private static ApiResponse secured(ApiResponse response) {
    return response
        .withHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .withHeader("X-Content-Type-Options", "nosniff")
        .withHeader("Referrer-Policy", "no-referrer")
        .withHeader("X-Frame-Options", "DENY");
  }

  static String contentType(String file) {
    String extension = file.substring(file.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    return switch (extension) {
      case "js", "mjs" -> "text/javascript; charset=utf-8";
      case "css" -> "text/css; charset=utf-8";
      case "svg" -> "image/svg+xml; charset=utf-8";
      case "json", "webmanifest" -> "application/json";
      case "html" -> "text/html; charset=utf-8";
      default -> "text/plain; charset=utf-8";
    };
  }

  private static String versionOf(Map<String, String> files) {
    StringBuilder all = new StringBuilder();
    new TreeMap<>(files).forEach((name, body) -> all.append(name).append('\0').append(body).append('\0'));
    return Secrets.sha256Hex(all.toString()).substring(0, 12);
  }

  /** Reads a flat folder of text files from the classpath, whether it is a directory (tests, Lambda) or a jar. */
  private static Map<String, String> readClasspathFolder(String folder) {
    URL marker = StaticAssets.class.getResource("/" + folder + "/index.html");
    if (marker == null) return Map.of();
    try {
      URI uri = marker.toURI();
      if (!"jar".equals(uri.getScheme())) return readFolder(Path.of(uri).getParent());
      try (FileSystem jar = openJar(uri)) {
        return readFolder(jar.getPath("/" + folder));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the dashboard's files", e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static FileSystem openJar(URI uri) throws IOException {
    try {
      return FileSystems.newFileSystem(uri, Map.of());
    } catch (FileSystemAlreadyExistsException e) {
      // Someone else opened it: read through a second, private view of the same jar.
      return FileSystems.newFileSystem(Path.of(URI.create(uri.toString().substring(4, uri.toString().indexOf("!/")))));
    }
  }

  private static Map<String, String> readFolder(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path p : entries.filter(Files::isRegularFile).toList()) {
        files.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    return files;
  }
}
