package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/openapi.yaml is a valid OpenAPI 3 document and describes exactly the routes the routers serve and
 * template.yaml deploys: same methods, same paths, same path parameters. Adding a route anywhere without the others
 * fails here.
 */
class OpenApiTest {
  private static final Path REPO = Path.of("../..");

  private static OpenAPI openApi() throws IOException {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(Files.readString(REPO.resolve("docs/openapi.yaml")), null, options);
    assertThat(result.getMessages()).as("OpenAPI validation messages").isEmpty();
    assertThat(result.getOpenAPI()).isNotNull();
    return result.getOpenAPI();
  }

  /** "METHOD /path/" of every operation of the document. */
  private static Set<String> documented(OpenAPI api) {
    Set<String> out = new HashSet<>();
    api.getPaths().forEach((path, item) -> item.readOperationsMap().keySet().forEach(m -> out.add(m.name() + " " + path)));
    return out;
  }

  private static List<ApiRoutes> routes() {
    // Listing routes needs no store: the routers only keep a reference to it.
    return ApiRoutes.all(null, Clock.systemUTC());
  }

  @Test
  void theDocument_isValidOpenApi3_withUniqueOperationIds() throws IOException {
    OpenAPI api = openApi();

    assertThat(api.getOpenapi()).startsWith("3.");
    List<String> ids = new ArrayList<>();
    api.getPaths().values().forEach(item -> item.readOperations().forEach(op -> ids.add(op.getOperationId())));
    assertThat(ids).doesNotContainNull().doesNotHaveDuplicates();
    api.getPaths().values().forEach(item -> item.readOperations().forEach(op ->
        assertThat(op.getResponses()).as(op.getOperationId()).isNotEmpty()));
  }

  @Test
  void everyRouteOfTheRouters_isDocumented_andEveryDocumentedRouteExists() throws IOException {
    Set<String> served = routes().stream().map(ApiRoutes::toString).collect(Collectors.toSet());

    assertThat(documented(openApi())).containsExactlyInAnyOrderElementsOf(served);
  }

  @Test
  void everyRouteOfTemplateYaml_isDocumented_andServedByTheFunctionTheTemplateRoutesItTo() throws IOException {
    Template template = Template.load(REPO.resolve("template.yaml"));
    Set<String> deployed = new HashSet<>();
    for (Template.Function f : template.functions()) {
      f.routes().forEach(r -> deployed.add(f.logicalId() + " " + r.method() + " " + r.path()));
    }
    Set<String> served = routes().stream().map(r -> r.function() + " " + r.method() + " " + r.template()).collect(Collectors.toSet());

    assertThat(deployed).containsExactlyInAnyOrderElementsOf(served);
    assertThat(documented(openApi())).containsExactlyInAnyOrderElementsOf(
        deployed.stream().map(r -> r.substring(r.indexOf(' ') + 1)).collect(Collectors.toSet()));
  }

  @Test
  void everyPathParameter_isDeclaredInThePath_andEveryDeclaredOneIsInIt() throws IOException {
    OpenAPI api = openApi();
    for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
      Set<String> inTemplate = new HashSet<>(new ApiRoutes("", "", path.getKey()).params());
      for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().readOperationsMap().entrySet()) {
        List<Parameter> parameters = new ArrayList<>();
        if (path.getValue().getParameters() != null) parameters.addAll(path.getValue().getParameters());
        if (op.getValue().getParameters() != null) parameters.addAll(op.getValue().getParameters());
        Set<String> declared = parameters.stream().filter(p -> "path".equals(p.getIn())).map(Parameter::getName).collect(Collectors.toSet());
        assertThat(declared).as(op.getKey().name().toLowerCase(Locale.ROOT) + " " + path.getKey()).isEqualTo(inTemplate);
      }
    }
  }

  @Test
  void everyReference_pointsAtSomethingThatExists() throws IOException {
    Map<String, Object> root = new org.yaml.snakeyaml.Yaml().load(Files.readString(REPO.resolve("docs/openapi.yaml")));
    List<String> refs = new ArrayList<>();
    collectRefs(root, refs);

    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(ref).startsWith("#/");
      Object target = root;
      for (String part : ref.substring(2).split("/")) target = target instanceof Map<?, ?> m ? m.get(part) : null;
      assertThat(target).as(ref).isNotNull();
    }
  }

  private static void collectRefs(Object node, List<String> refs) {
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> {
        if ("$ref".equals(k)) refs.add(String.valueOf(v));
        else collectRefs(v, refs);
      });
    } else if (node instanceof List<?> list) {
      list.forEach(item -> collectRefs(item, refs));
    }
  }
}
