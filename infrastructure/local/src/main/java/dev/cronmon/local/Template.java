package dev.cronmon.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * template.yaml as the local stack needs it: each function's handler, environment and HTTP routes.
 * CloudFormation short tags (!Ref, !GetAtt, !Sub…) become their long form ({"Ref": x}, {"Fn::GetAtt": x}).
 */
public record Template(Map<String, Object> root, List<Function> functions) {

  /** A serverless function of the template, with Globals merged in. */
  public record Function(String logicalId, String handlerClass, Map<String, Object> environment, List<HttpRoute> routes,
                         List<String> schedules) {}

  public record HttpRoute(String method, String path) {}

  public static Template load(Path path) {
    try (InputStream in = Files.newInputStream(path)) {
      return parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read template " + path, e);
    }
  }

  @SuppressWarnings("unchecked")
  public static Template parse(InputStream in) {
    Map<String, Object> root = new Yaml(new CloudFormationConstructor()).load(in);
    Map<String, Object> globals = map(map(root.get("Globals")).get("Function"));
    Map<String, Object> globalEnv = map(map(globals.get("Environment")).get("Variables"));
    List<Function> functions = new ArrayList<>();
    map(root.get("Resources")).forEach((id, value) -> {
      Map<String, Object> resource = map(value);
      if (!"AWS::Serverless::Function".equals(resource.get("Type"))) return;
      Map<String, Object> props = map(resource.get("Properties"));
      Map<String, Object> env = new LinkedHashMap<>(globalEnv);
      env.putAll(map(map(props.get("Environment")).get("Variables")));
      List<HttpRoute> routes = new ArrayList<>();
      List<String> schedules = new ArrayList<>();
      map(props.get("Events")).values().forEach(e -> {
        Map<String, Object> event = map(e);
        Map<String, Object> eventProps = map(event.get("Properties"));
        if ("HttpApi".equals(event.get("Type"))) {
          routes.add(new HttpRoute(String.valueOf(eventProps.get("Method")).toUpperCase(java.util.Locale.ROOT), String.valueOf(eventProps.get("Path"))));
        } else if ("Schedule".equals(event.get("Type")) || "ScheduleV2".equals(event.get("Type"))) {
          schedules.add(String.valueOf(eventProps.get("Schedule") != null ? eventProps.get("Schedule") : eventProps.get("ScheduleExpression")));
        }
      });
      String handler = String.valueOf(props.get("Handler"));
      int colons = handler.indexOf("::");
      functions.add(new Function(id, colons < 0 ? handler : handler.substring(0, colons), env, routes, schedules));
    });
    return new Template(root, functions);
  }

  public Function function(String logicalId) {
    return functions.stream().filter(f -> f.logicalId().equals(logicalId)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no function " + logicalId + " in template.yaml"));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  /** Reads CloudFormation's short-form intrinsic functions instead of refusing them as unknown tags. */
  private static final class CloudFormationConstructor extends SafeConstructor {
    CloudFormationConstructor() {
      super(new LoaderOptions());
      yamlMultiConstructors.put("!", new AbstractConstruct() {
        @Override
        public Object construct(Node node) {
          String tag = node.getTag().getValue().substring(1);
          String name = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
          Object value;
          if (node instanceof ScalarNode scalar) value = constructScalar(scalar);
          else if (node instanceof SequenceNode seq) value = constructSequence(seq);
          else value = constructMapping((MappingNode) node);
          return Map.of(name, value);
        }
      });
    }
  }
}
