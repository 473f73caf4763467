package dev.cronmon.dynamodb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * template.yaml for tests that compare what they build with what the deployment declares (the table here; the
 * incident rule's event pattern in infrastructure/moto-tests, which reads it from this test-jar).
 */
public final class TemplateYaml {
  private TemplateYaml() {}

  /** template.yaml in the working directory or the nearest directory above it; null when there is none. */
  public static Path find() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("template.yaml");
      if (Files.isRegularFile(candidate)) return candidate;
    }
    return null;
  }

  /** The properties of resource {@code logicalId}; IllegalArgumentException when the template has no such resource. */
  public static Map<String, Object> properties(Map<String, Object> template, String logicalId) {
    Object resource = map(template.get("Resources")).get(logicalId);
    if (resource == null) throw new IllegalArgumentException("no resource " + logicalId + " in template.yaml");
    return map(map(resource).get("Properties"));
  }

  /** CloudFormation YAML: intrinsic tags (!Ref, !GetAtt, !Sub, …) read as their plain values. */
  public static Map<String, Object> load(Path file) {
    try {
      return new Yaml(new CfnConstructor()).load(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> list(Object o) {
    return o instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
  }

  private static final class CfnConstructor extends SafeConstructor {
    CfnConstructor() {
      super(new LoaderOptions());
      yamlConstructors.put(null, new AbstractConstruct() {
        @Override
        public Object construct(Node node) {
          if (node instanceof ScalarNode s) return s.getValue();
          if (node instanceof SequenceNode s) return constructSequence(s);
          return constructMapping((MappingNode) node);
        }
      });
    }
  }
}
