package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * template.yaml against the code, so a deployment cannot fail on what a build could have caught: handlers exist and
 * take the event their triggers send, every environment variable the code reads is set, every reference resolves, and
 * every function's policy allows the AWS calls its code makes.
 */
class TemplateChecksTest {
  private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
  private static final Template TEMPLATE = Template.load(ROOT.resolve("template.yaml"));

  /** Set by the Lambda runtime, or read only by the local stack and tests to reach local endpoints. */
  private static final Set<String> NOT_FROM_TEMPLATE = Set.of("AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID",
      "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_LAMBDA_FUNCTION_NAME",
      // SMTP is the local stack's email transport (Lambda sends through SES): read from the shell that starts it.
      "SMTP_HOST", "SMTP_PORT", "SMTP_USERNAME", "SMTP_PASSWORD", "SMTP_STARTTLS");
  private static final Map<String, String> EVENT_CLASS_OF_TRIGGER = Map.of(
      "HttpApi", "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent",
      "Schedule", "com.amazonaws.services.lambda.runtime.events.ScheduledEvent",
      "SNS", "com.amazonaws.services.lambda.runtime.events.SNSEvent");
  /** Table set-up calls: made by the local stack and tests (TableSchema), never by a deployed function. */
  private static final Set<String> SETUP_ONLY_CALLS = Set.of("CreateTable", "DescribeTable", "UpdateTimeToLive", "Close", "Waiter");

  @Test
  void everyHandler_existsAndTakesTheEventItsTriggersSend() throws Exception {
    for (Map.Entry<String, Map<String, Object>> fn : functions().entrySet()) {
      Map<String, Object> props = Template.map(fn.getValue().get("Properties"));
      String handler = String.valueOf(props.get("Handler"));
      assertThat(handler).as(fn.getKey()).endsWith("::handleRequest");
      Class<?> type = Class.forName(handler.substring(0, handler.indexOf("::")));
      assertThat(RequestHandler.class).as(fn.getKey()).isAssignableFrom(type);
      assertThat(type.getConstructor()).as(fn.getKey() + " needs the no-arg constructor Lambda calls").isNotNull();
      String input = handlerInput(type);
      for (Object e : Template.map(props.get("Events")).values()) {
        String trigger = String.valueOf(Template.map(e).get("Type"));
        assertThat(EVENT_CLASS_OF_TRIGGER).as(fn.getKey() + " trigger " + trigger).containsKey(trigger);
        assertThat(input).as(fn.getKey() + " handles " + trigger).isEqualTo(EVENT_CLASS_OF_TRIGGER.get(trigger));
      }
    }
  }

  @Test
  void everyEnvironmentVariableTheCodeReads_isSetInTheTemplate() {
    Set<String> set = new HashSet<>();
    TEMPLATE.functions().forEach(f -> set.addAll(f.environment().keySet())); // Globals are merged in by Template
    Set<String> read = environmentVariablesRead(mainSources(moduleDirs()));

    Set<String> missing = new TreeSet<>(read);
    missing.removeAll(set);
    missing.removeAll(NOT_FROM_TEMPLATE);
    missing.removeIf(name -> name.endsWith("_ENDPOINT")); // local/test endpoint overrides, documented in docs/operations
    assertThat(read).contains("TABLE_NAME");
    assertThat(missing).as("read by the code but set nowhere in template.yaml").isEmpty();
  }

  @Test
  void everyReference_resolvesToAParameterResourceOrPseudoParameter() {
    Set<String> known = new HashSet<>(Template.map(TEMPLATE.root().get("Parameters")).keySet());
    known.addAll(Template.map(TEMPLATE.root().get("Resources")).keySet());
    List<String> unresolved = new ArrayList<>();
    collectReferences(TEMPLATE.root().get("Resources"), unresolved, known);
    collectReferences(TEMPLATE.root().get("Outputs"), unresolved, known);
    assertThat(unresolved).isEmpty();
  }

  @Test
  void everyFunctionPolicy_allowsTheAwsCallsItsCodeMakes() {
    Map<String, Path> modules = moduleDirs();
    assertThat(awsCalls(mainSources(modules))).as("the scan sees the SDK calls").contains("dynamodb:PutItem", "dynamodb:Query", "events:PutEvents");
    List<String> notAllowed = new ArrayList<>();
    for (Map.Entry<String, Map<String, Object>> fn : functions().entrySet()) {
      Map<String, Object> props = Template.map(fn.getValue().get("Properties"));
      Path module = ROOT.resolve(String.valueOf(props.get("CodeUri")).replaceAll("/target/.*$", ""));
      Set<String> calls = awsCalls(mainSources(closure(module, modules)));
      String policies = String.valueOf(props.get("Policies"));
      for (String call : calls) {
        String service = call.substring(0, call.indexOf(':'));
        boolean byTemplate = switch (service) {
          case "dynamodb" -> policies.contains("DynamoDBCrudPolicy");
          case "events" -> policies.contains("EventBridgePutEventsPolicy");
          case "ses" -> policies.contains("SESCrudPolicy") || policies.contains("SESBulkTemplatedCrudPolicy");
          default -> false;
        };
        if (!byTemplate && !policies.contains(call)) notAllowed.add(fn.getKey() + " may call " + call);
      }
    }
    assertThat(notAllowed).as("calls the code linked into a function can make, missing from its policy").isEmpty();
  }

  private static Map<String, Map<String, Object>> functions() {
    Map<String, Map<String, Object>> functions = new HashMap<>();
    Template.map(TEMPLATE.root().get("Resources")).forEach((id, r) -> {
      if ("AWS::Serverless::Function".equals(Template.map(r).get("Type"))) functions.put(id, Template.map(r));
    });
    assertThat(functions).isNotEmpty();
    return functions;
  }

  private static String handlerInput(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Type t : c.getGenericInterfaces()) {
        if (t instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) return p.getActualTypeArguments()[0].getTypeName();
      }
    }
    throw new AssertionError(type + " does not implement RequestHandler<I, O>");
  }

  private static void collectReferences(Object node, List<String> unresolved, Set<String> known) {
    if (node instanceof Map<?, ?> m) {
      m.forEach((k, v) -> {
        if ("Ref".equals(k)) check(String.valueOf(v), unresolved, known);
        else if ("Fn::GetAtt".equals(k)) check(v instanceof List<?> l ? String.valueOf(l.get(0)) : String.valueOf(v).split("\\.")[0], unresolved, known);
        else if ("Fn::Sub".equals(k)) {
          Matcher vars = Pattern.compile("\\$\\{([A-Za-z0-9:]+)(?:\\.[A-Za-z]+)?}").matcher(v instanceof List<?> l ? String.valueOf(l.get(0)) : String.valueOf(v));
          while (vars.find()) check(vars.group(1), unresolved, known);
        }
        collectReferences(v, unresolved, known);
      });
    } else if (node instanceof List<?> l) {
      l.forEach(v -> collectReferences(v, unresolved, known));
    }
  }

  private static void check(String name, List<String> unresolved, Set<String> known) {
    if (name.startsWith("AWS::") || known.contains(name)) return;
    // SAM creates these for a function or API: <Function>Role, <Function>.Version, ServerlessHttpApi, …
    if (name.endsWith("Role") && known.contains(name.substring(0, name.length() - 4))) return;
    unresolved.add(name);
  }

  /** Every Maven module directory by artifactId. */
  private static Map<String, Path> moduleDirs() {
    Map<String, Path> modules = new HashMap<>();
    try (Stream<Path> poms = Files.walk(ROOT, 3)) {
      poms.filter(p -> p.getFileName().toString().equals("pom.xml") && !p.getParent().equals(ROOT) && !p.toString().contains("/target/"))
          .forEach(p -> {
            Matcher m = Pattern.compile("</parent>\\s*<artifactId>([^<]+)</artifactId>").matcher(read(p));
            if (m.find()) modules.put(m.group(1), p.getParent());
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return modules;
  }

  /** {@code module} and every cronmon module it depends on (compile and runtime scope). */
  private static Set<Path> closure(Path module, Map<String, Path> modules) {
    Set<Path> seen = new HashSet<>();
    Deque<Path> todo = new ArrayDeque<>(List.of(module));
    while (!todo.isEmpty()) {
      Path m = todo.pop();
      if (!seen.add(m)) continue;
      Matcher deps = Pattern.compile("<dependency>\\s*<groupId>dev\\.cronmon</groupId>\\s*<artifactId>([^<]+)</artifactId>(.*?)</dependency>", Pattern.DOTALL)
          .matcher(read(m.resolve("pom.xml")));
      while (deps.find()) {
        if (deps.group(2).contains("<scope>test</scope>")) continue;
        Path dep = modules.get(deps.group(1));
        if (dep != null) todo.push(dep);
      }
    }
    return seen;
  }

  private static List<Path> mainSources(Iterable<Path> modules) {
    List<Path> files = new ArrayList<>();
    for (Path module : modules) {
      Path src = module.resolve("src/main/java");
      if (!Files.isDirectory(src)) continue;
      try (Stream<Path> s = Files.walk(src)) {
        s.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  private static List<Path> mainSources(Map<String, Path> modules) {
    return mainSources(modules.values());
  }

  /** Names passed to the environment lookups: literals, or constants declared as {@code String X = "NAME"}. */
  private static Set<String> environmentVariablesRead(List<Path> sources) {
    Map<String, String> constants = new HashMap<>();
    Pattern constant = Pattern.compile("String\\s+([A-Z][A-Z0-9_]*)\\s*=\\s*\"([A-Z][A-Z0-9_]*)\"");
    Pattern lookup = Pattern.compile("(?:env\\.apply|getenv|require\\(env,)\\s*\\(?\\s*(\"[A-Z][A-Z0-9_]*\"|[A-Za-z_.]+)");
    List<String> names = new ArrayList<>();
    for (Path p : sources) {
      String text = read(p);
      Matcher c = constant.matcher(text);
      while (c.find()) constants.put(c.group(1), c.group(2));
      Matcher l = lookup.matcher(text);
      while (l.find()) names.add(l.group(1));
    }
    Set<String> read = new TreeSet<>();
    for (String n : names) {
      if (n.startsWith("\"")) read.add(n.substring(1, n.length() - 1));
      else {
        String simple = n.substring(n.lastIndexOf('.') + 1);
        if (constants.containsKey(simple)) read.add(constants.get(simple));
      }
    }
    return read;
  }

  /** IAM actions of the SDK calls in {@code sources}: {@code dynamodb:PutItem}, {@code events:PutEvents}, … */
  private static Set<String> awsCalls(List<Path> sources) {
    Map<String, String> serviceOfClient = Map.of("DynamoDbClient", "dynamodb", "EventBridgeClient", "events", "SesV2Client", "ses",
        "SnsClient", "sns", "SqsClient", "sqs");
    Set<String> calls = new TreeSet<>();
    for (Path p : sources) {
      String text = read(p);
      for (Map.Entry<String, String> client : serviceOfClient.entrySet()) {
        Matcher field = Pattern.compile("\\b" + client.getKey() + "\\s+([a-z][A-Za-z0-9]*)\\s*[;,)=]").matcher(text);
        Set<String> names = new HashSet<>();
        while (field.find()) names.add(field.group(1));
        for (String name : names) {
          Matcher call = Pattern.compile("\\b" + name + "\\.([a-z][A-Za-z]*)\\(").matcher(text);
          while (call.find()) {
            String action = Character.toUpperCase(call.group(1).charAt(0)) + call.group(1).substring(1);
            if (SETUP_ONLY_CALLS.contains(action) || action.startsWith("ServiceClient")) continue;
            // TransactWriteItems is authorised per item: cronmon's transactions only put.
            calls.add(client.getValue() + ":" + (action.equals("TransactWriteItems") ? "PutItem" : action));
          }
        }
      }
    }
    return calls;
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
