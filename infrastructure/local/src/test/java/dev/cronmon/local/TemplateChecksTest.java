package dev.cronmon.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.cronmon.lambda.EmfMetrics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * template.yaml against the code, so a deployment cannot fail on what a build could have caught: handlers exist and
 * take the event their triggers send, every environment variable the code reads is set, every reference resolves,
 * every function's policy allows exactly the AWS calls its code can make (read from its compiled classes), and the
 * deployment's pieces are wired: SnapStart on a published alias, the retained table, log groups, alarms, outputs.
 */
class TemplateChecksTest {
  private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
  private static final Template TEMPLATE = Template.load(ROOT.resolve("template.yaml"));

  /** Set by the Lambda runtime, or read only by the local stack and tests to reach local endpoints. */
  private static final Set<String> NOT_FROM_TEMPLATE = Set.of("AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID",
      "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_LAMBDA_FUNCTION_NAME", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
      // SMTP is the local stack's email transport (Lambda sends through SES): read from the shell that starts it.
      "SMTP_HOST", "SMTP_PORT", "SMTP_USERNAME", "SMTP_PASSWORD", "SMTP_STARTTLS");
  private static final Map<String, String> EVENT_CLASS_OF_TRIGGER = Map.of(
      "HttpApi", "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent",
      "Schedule", "com.amazonaws.services.lambda.runtime.events.ScheduledEvent",
      "SNS", "com.amazonaws.services.lambda.runtime.events.SNSEvent");

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
  void everyReference_resolvesToAParameterResourceConditionOrPseudoParameter() {
    Set<String> known = new HashSet<>(Template.map(TEMPLATE.root().get("Parameters")).keySet());
    known.addAll(Template.map(TEMPLATE.root().get("Resources")).keySet());
    Set<String> conditions = Template.map(TEMPLATE.root().get("Conditions")).keySet();
    List<String> unresolved = new ArrayList<>();
    for (String section : List.of("Resources", "Outputs", "Conditions", "Rules")) {
      collectReferences(TEMPLATE.root().get(section), unresolved, known, conditions);
    }
    Template.map(TEMPLATE.root().get("Resources")).forEach((id, r) -> {
      Object condition = Template.map(r).get("Condition");
      if (condition != null && !conditions.contains(String.valueOf(condition))) unresolved.add(id + " condition " + condition);
    });
    assertThat(unresolved).isEmpty();
  }

  @Test
  void everyFunctionPolicy_grantsExactlyTheAwsCallsItsCodeCanMake() {
    Map<String, Path> modules = moduleDirs();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Map<String, Object>> fn : new TreeMap<>(functions()).entrySet()) {
      Map<String, Object> props = Template.map(fn.getValue().get("Properties"));
      Path module = ROOT.resolve(String.valueOf(props.get("CodeUri")).replaceAll("/target/.*$", ""));
      String handler = String.valueOf(props.get("Handler")).replaceAll("::.*$", "");
      AwsCallGraph.Calls calls = new AwsCallGraph(closure(module, modules).stream().map(m -> m.resolve("target/classes")).toList())
          .callsOf(handler);
      System.out.println(fn.getKey() + " can call " + calls.actions() + ", querying indexes " + calls.queriedIndexes());
      problems.addAll(policyProblems(fn.getKey(), calls, props.get("Policies")));
    }
    assertThat(problems).as("each policy must allow exactly what the code linked into its function can call").isEmpty();
  }

  @Test
  void policyCheck_refusesManagedPoliciesWildcardsAndActionsTheCodeCannotMake() {
    // GIVEN a function whose code only reads items, and a policy that allows far more
    AwsCallGraph.Calls readsOnly = new AwsCallGraph.Calls(Set.of("dynamodb:GetItem"), Set.of());
    Object policies = Template.map(Template.map(Template.map(Template.parse(new ByteArrayInputStream("""
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Policies:
                - DynamoDBCrudPolicy: {TableName: !Ref CronmonTable}
                - Statement:
                    - {Effect: Allow, Action: 'dynamodb:*', Resource: '*'}
                    - {Effect: Allow, Action: [dynamodb:GetItem, dynamodb:DeleteItem], Resource: !GetAtt CronmonTable.Arn}
                    - {Effect: Allow, Action: dynamodb:Query, Resource: !Sub '${CronmonTable.Arn}/index/due'}
        """.getBytes(StandardCharsets.UTF_8))).root().get("Resources")).get("Fn")).get("Properties")).get("Policies");

    // WHEN it is checked
    List<String> problems = policyProblems("Fn", readsOnly, policies);

    // THEN each excess is named, and what the code does call is not
    assertThat(problems).anyMatch(p -> p.contains("DynamoDBCrudPolicy") && p.contains("no managed policy or SAM policy template"))
        .anyMatch(p -> p.contains("wildcard action dynamodb:*"))
        .anyMatch(p -> p.contains("wildcard resource *"))
        .anyMatch(p -> p.contains("allows dynamodb:DeleteItem on table, which its code never calls"))
        .anyMatch(p -> p.contains("allows dynamodb:Query on index/due, which its code never calls"))
        .noneMatch(p -> p.contains("GetItem on table"));
  }

  @Test
  void awsCallGraph_followsOverridesLambdasAndCallbacks_toTheSdkCalls() {
    // GIVEN the sweeper's classes, whose SDK calls sit behind an interface (EventPublisher), a store port and a lambda
    Map<String, Path> modules = moduleDirs();
    Path sweeper = ROOT.resolve("functions/sweeper");
    AwsCallGraph graph = new AwsCallGraph(closure(sweeper, modules).stream().map(m -> m.resolve("target/classes")).toList());

    // WHEN its handler's calls are read
    AwsCallGraph.Calls calls = graph.callsOf("dev.cronmon.sweeper.SweeperHandler");

    // THEN they reach PutEvents through the publisher, the due index through the store, and never a table set-up call
    assertThat(calls.actions()).contains("events:PutEvents", "dynamodb:Query").doesNotContain("dynamodb:CreateTable", "dynamodb:Scan");
    assertThat(calls.queriedIndexes()).contains("due");
  }

  @Test
  void globals_publishTheAliasLiveWithSnapStart_onJava21Arm64() {
    Map<String, Object> globals = Template.map(Template.map(TEMPLATE.root().get("Globals")).get("Function"));

    assertThat(globals.get("Runtime")).isEqualTo("java21");
    assertThat(globals.get("Architectures")).isEqualTo(List.of("arm64"));
    assertThat(globals.get("AutoPublishAlias")).isEqualTo("live");
    assertThat(Template.map(globals.get("SnapStart")).get("ApplyOn")).isEqualTo("PublishedVersions");
    functions().forEach((id, fn) -> assertThat(Template.map(fn.get("Properties")))
        .as(id + " keeps the alias and SnapStart of Globals").doesNotContainKeys("AutoPublishAlias", "SnapStart", "Runtime"));
  }

  @Test
  void table_isRetained_andItsDeletionProtectionFollowsItsParameter() {
    Map<String, Object> table = resource("CronmonTable");
    Map<String, Object> parameter = Template.map(Template.map(TEMPLATE.root().get("Parameters")).get("TableDeletionProtection"));

    assertThat(table.get("DeletionPolicy")).isEqualTo("Retain");
    assertThat(table.get("UpdateReplacePolicy")).isEqualTo("Retain");
    assertThat(Template.map(table.get("Properties")).get("DeletionProtectionEnabled")).isEqualTo(Map.of("Ref", "TableDeletionProtection"));
    assertThat(parameter.get("AllowedValues")).isEqualTo(List.of("true", "false"));
    assertThat(parameter.get("Default")).isEqualTo("true");
  }

  @Test
  void everyFunction_logsToItsOwnLogGroup_keptForLogRetentionDays() {
    Set<String> groups = new HashSet<>();
    functions().forEach((id, fn) -> {
      Object group = Template.map(Template.map(fn.get("Properties")).get("LoggingConfig")).get("LogGroup");
      assertThat(group).as(id + " LoggingConfig.LogGroup").isInstanceOf(Map.class);
      String groupId = String.valueOf(Template.map(group).get("Ref"));
      Map<String, Object> resource = resource(groupId);
      assertThat(resource.get("Type")).isEqualTo("AWS::Logs::LogGroup");
      Map<String, Object> props = Template.map(resource.get("Properties"));
      assertThat(props.get("RetentionInDays")).isEqualTo(Map.of("Ref", "LogRetentionDays"));
      // Lambda reserves aws/ names for the groups it creates itself (the one a SnapStart publish would race with).
      assertThat(String.valueOf(props.get("LogGroupName"))).doesNotContain("/aws/").doesNotContain("=aws/");
      groups.add(groupId);
    });
    assertThat(groups).hasSize(functions().size());
  }

  @Test
  void everyAlarm_watchesAResourceOfTheStack_andNotifiesTheAlarmTopic() {
    Map<String, Map<String, Object>> alarms = resourcesOfType("AWS::CloudWatch::Alarm");
    Map<String, String> typeOfDimension = Map.of("FunctionName", "AWS::Serverless::Function", "QueueName", "AWS::SQS::Queue",
        "ApiId", "AWS::Serverless::HttpApi");
    Set<String> watched = new HashSet<>();
    Object metricsNamespace = Template.map(Template.map(Template.map(Template.map(TEMPLATE.root().get("Globals")).get("Function"))
        .get("Environment")).get("Variables")).get(EmfMetrics.NAMESPACE);
    alarms.forEach((id, alarm) -> {
      Map<String, Object> props = Template.map(alarm.get("Properties"));
      assertThat(props.get("AlarmActions")).as(id).isEqualTo(List.of(Map.of("Ref", "AlarmTopic")));
      List<Map<String, Object>> dimensions = dimensions(props);
      assertThat(dimensions).as(id + " dimensions").isNotEmpty();
      if (metricsNamespace.equals(props.get("Namespace"))) {
        // cronmon's own metrics (EmfMetrics): the Function dimension is the name a handler writes, not a resource
        assertThat(dimensions).as(id).containsExactly(Map.of("Name", "Function", "Value", "sweeper"));
        watched.add(metricNames(props) + " sweeper metrics");
        return;
      }
      for (Map<String, Object> d : dimensions) {
        String name = String.valueOf(d.get("Name"));
        String target = referencedResource(d.get("Value"));
        assertThat(typeOfDimension).as(id + " dimension " + name).containsKey(name);
        assertThat(resource(target).get("Type")).as(id + " dimension " + name + " refers to " + target).isEqualTo(typeOfDimension.get(name));
        watched.add(metricNames(props) + " " + target);
      }
    });
    assertThat(resource("AlarmTopic").get("Type")).isEqualTo("AWS::SNS::Topic");
    resourcesOfType("AWS::SQS::Queue").keySet().forEach(queue ->
        assertThat(watched).as("a depth alarm on " + queue).contains("[ApproximateNumberOfMessagesVisible] " + queue));
    assertThat(watched).contains("[Errors] SweeperFunction", "[Invocations] SweeperFunction", "[Errors] AlertsFunction",
        "[5xx, Count] HttpApi", "[SweepLag] sweeper metrics");
    assertThat(Template.map(resource("SweepLagAlarm").get("Properties"))).containsEntry("Threshold", 60)
        .containsEntry("Statistic", "Maximum");
    assertThat(Template.map(resource("SweeperMissedTicksAlarm").get("Properties")).get("TreatMissingData")).isEqualTo("breaching");
  }

  @Test
  void customDomain_existsOnlyWhenItsParametersAreGiven() {
    Map<String, Object> conditions = Template.map(TEMPLATE.root().get("Conditions"));

    assertThat(conditions).containsKeys("HasCustomDomain", "HasCustomDomainRecord");
    assertThat(resourcesOfType("AWS::ApiGatewayV2::DomainName").values()).isNotEmpty()
        .allSatisfy(r -> assertThat(r.get("Condition")).isEqualTo("HasCustomDomain"));
    assertThat(resourcesOfType("AWS::ApiGatewayV2::ApiMapping").values()).isNotEmpty()
        .allSatisfy(r -> assertThat(r.get("Condition")).isEqualTo("HasCustomDomain"));
    assertThat(resourcesOfType("AWS::Route53::RecordSet").values()).isNotEmpty()
        .allSatisfy(r -> assertThat(r.get("Condition")).isEqualTo("HasCustomDomainRecord"));
  }

  @Test
  void outputs_nameTheApiDsnHostTableBusAlarmTopicAndDashboard() {
    Map<String, Object> outputs = Template.map(TEMPLATE.root().get("Outputs"));

    assertThat(outputs).containsKeys("ApiUrl", "DsnHost", "TableName", "EventBusName", "AlarmTopicArn", "DashboardUrl");
    for (String byDomain : List.of("ApiUrl", "DsnHost")) {
      Object value = Template.map(outputs.get(byDomain)).get("Value");
      assertThat(Template.map(value)).as(byDomain + " follows the custom domain").containsKey("Fn::If");
      assertThat(((List<?>) Template.map(value).get("Fn::If")).get(0)).isEqualTo("HasCustomDomain");
    }
    assertThat(Template.map(outputs.get("TableName")).get("Value")).isEqualTo(Map.of("Ref", "CronmonTable"));
  }

  /** What is wrong with {@code policies} for a function whose code can make {@code calls}: missing or excess grants. */
  private static List<String> policyProblems(String function, AwsCallGraph.Calls calls, Object policies) {
    List<String> problems = new ArrayList<>();
    Set<String> needed = needed(calls);
    Set<String> granted = granted(function, policies, problems);
    for (String n : needed) if (!granted.contains(n)) problems.add(function + " may call " + n + ", which its policy does not allow");
    for (String g : granted) if (!needed.contains(g)) problems.add(function + "'s policy allows " + g + ", which its code never calls");
    return problems;
  }

  /** What a function needs allowed, as "action on resource", from the calls its code can make. */
  private static Set<String> needed(AwsCallGraph.Calls calls) {
    Set<String> needed = new TreeSet<>();
    for (String action : calls.actions()) {
      String service = action.substring(0, action.indexOf(':'));
      switch (service) {
        case "dynamodb" -> {
          needed.add(action + " on table");
          if (action.equals("dynamodb:Query")) calls.queriedIndexes().forEach(i -> needed.add(action + " on index/" + i));
        }
        case "events" -> needed.add(action + " on event bus");
        case "ses" -> needed.add(action + " on ses identity");
        default -> needed.add(action + " on an unknown resource");
      }
    }
    return needed;
  }

  /** What a function's policies allow, as "action on resource"; managed policies, SAM policy templates and wildcards are problems. */
  private static Set<String> granted(String function, Object policies, List<String> problems) {
    Set<String> granted = new TreeSet<>();
    if (!(policies instanceof List<?> list)) {
      problems.add(function + " has no policy list");
      return granted;
    }
    Deque<Object> todo = new ArrayDeque<>(list);
    while (!todo.isEmpty()) {
      Object policy = todo.pop();
      Map<String, Object> map = Template.map(policy);
      if (map.containsKey("Fn::If")) {
        List<?> branches = (List<?>) map.get("Fn::If");
        for (Object branch : branches.subList(1, 3)) if (!Map.of("Ref", "AWS::NoValue").equals(branch)) todo.push(branch);
        continue;
      }
      if (map.size() != 1 || !(map.get("Statement") instanceof List<?> statements)) {
        problems.add(function + " uses " + policy + ": only explicit statements, no managed policy or SAM policy template");
        continue;
      }
      for (Object s : statements) {
        Map<String, Object> statement = Template.map(s);
        if (!"Allow".equals(statement.get("Effect"))) continue;
        for (Object action : asList(statement.get("Action"))) {
          if (String.valueOf(action).contains("*")) problems.add(function + " allows the wildcard action " + action);
          for (Object resource : asList(statement.get("Resource"))) {
            granted.add(action + " on " + resourceClass(function, resource, problems));
          }
        }
      }
    }
    return granted;
  }

  /** "table", "index/due", "event bus", "ses identity" — or a problem for a wildcard or unknown resource. */
  private static String resourceClass(String function, Object resource, List<String> problems) {
    Map<String, Object> map = Template.map(resource);
    if (map.containsKey("Fn::GetAtt")) {
      String target = referencedResource(resource);
      String type = String.valueOf(resource(target).get("Type"));
      if (type.equals("AWS::DynamoDB::Table")) return "table";
      if (type.equals("AWS::Events::EventBus")) return "event bus";
      return "resource " + target;
    }
    if (map.containsKey("Fn::Sub")) {
      String sub = String.valueOf(map.get("Fn::Sub"));
      Matcher index = Pattern.compile("^\\$\\{([A-Za-z0-9]+)\\.Arn}/index/([A-Za-z0-9_.-]+)$").matcher(sub);
      if (index.matches() && "AWS::DynamoDB::Table".equals(resource(index.group(1)).get("Type"))) return "index/" + index.group(2);
      if (sub.matches("^arn:\\$\\{AWS::Partition}:ses:\\$\\{AWS::Region}:\\$\\{AWS::AccountId}:identity/\\$\\{[A-Za-z0-9]+}$")) {
        return "ses identity";
      }
      if (sub.contains("*")) problems.add(function + " allows the wildcard resource " + sub);
      return "arn " + sub;
    }
    if (String.valueOf(resource).contains("*")) problems.add(function + " allows the wildcard resource " + resource);
    return "literal " + resource;
  }

  private static List<?> asList(Object value) {
    return value instanceof List<?> l ? l : List.of(value);
  }

  /** Dimensions of an alarm's metric, or of each metric of its metric math. */
  private static List<Map<String, Object>> dimensions(Map<String, Object> alarm) {
    List<Map<String, Object>> dimensions = new ArrayList<>();
    asList(alarm.getOrDefault("Dimensions", List.of())).forEach(d -> dimensions.add(Template.map(d)));
    for (Object metric : asList(alarm.getOrDefault("Metrics", List.of()))) {
      Map<String, Object> stat = Template.map(Template.map(Template.map(metric).get("MetricStat")).get("Metric"));
      asList(stat.getOrDefault("Dimensions", List.of())).forEach(d -> dimensions.add(Template.map(d)));
    }
    return dimensions;
  }

  private static List<String> metricNames(Map<String, Object> alarm) {
    List<String> names = new ArrayList<>();
    if (alarm.containsKey("MetricName")) names.add(String.valueOf(alarm.get("MetricName")));
    for (Object metric : asList(alarm.getOrDefault("Metrics", List.of()))) {
      Map<String, Object> stat = Template.map(Template.map(Template.map(metric).get("MetricStat")).get("Metric"));
      if (stat.containsKey("MetricName")) names.add(String.valueOf(stat.get("MetricName")));
    }
    return names;
  }

  /** The logical id a {@code Ref} or {@code Fn::GetAtt} names. */
  private static String referencedResource(Object value) {
    Map<String, Object> map = Template.map(value);
    if (map.containsKey("Ref")) return String.valueOf(map.get("Ref"));
    Object att = map.get("Fn::GetAtt");
    if (att instanceof List<?> l) return String.valueOf(l.get(0));
    if (att != null) return String.valueOf(att).split("\\.")[0];
    throw new AssertionError(value + " is not a Ref or GetAtt of a resource");
  }

  private static Map<String, Object> resource(String logicalId) {
    Map<String, Object> resource = Template.map(Template.map(TEMPLATE.root().get("Resources")).get(logicalId));
    assertThat(resource).as("resource " + logicalId).isNotEmpty();
    return resource;
  }

  private static Map<String, Map<String, Object>> resourcesOfType(String type) {
    Map<String, Map<String, Object>> found = new TreeMap<>();
    Template.map(TEMPLATE.root().get("Resources")).forEach((id, r) -> {
      if (type.equals(Template.map(r).get("Type"))) found.put(id, Template.map(r));
    });
    return found;
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

  private static void collectReferences(Object node, List<String> unresolved, Set<String> known, Set<String> conditions) {
    if (node instanceof Map<?, ?> m) {
      m.forEach((k, v) -> {
        if ("Ref".equals(k)) check(String.valueOf(v), unresolved, known);
        else if ("Fn::GetAtt".equals(k)) check(v instanceof List<?> l ? String.valueOf(l.get(0)) : String.valueOf(v).split("\\.")[0], unresolved, known);
        else if ("Condition".equals(k) && v instanceof String c && !conditions.contains(c)) unresolved.add("condition " + c);
        else if ("Fn::If".equals(k) && v instanceof List<?> l && !conditions.contains(String.valueOf(l.get(0)))) unresolved.add("condition " + l.get(0));
        else if ("Fn::Sub".equals(k)) {
          // The list form names its own variables: ['…${Host}…', {Host: …}].
          Set<String> local = v instanceof List<?> l && l.size() > 1 ? Template.map(l.get(1)).keySet() : Set.of();
          Matcher vars = Pattern.compile("\\$\\{([A-Za-z0-9:]+)(?:\\.[A-Za-z]+)?}").matcher(v instanceof List<?> l ? String.valueOf(l.get(0)) : String.valueOf(v));
          while (vars.find()) if (!local.contains(vars.group(1))) check(vars.group(1), unresolved, known);
        }
        collectReferences(v, unresolved, known, conditions);
      });
    } else if (node instanceof List<?> l) {
      l.forEach(v -> collectReferences(v, unresolved, known, conditions));
    }
  }

  private static void check(String name, List<String> unresolved, Set<String> known) {
    if (name.startsWith("AWS::") || known.contains(name)) return;
    // SAM creates these for a function or API: <Function>Role, and the referenceable <Api>.Stage, <Function>.Alias, …
    if (name.endsWith("Role") && known.contains(name.substring(0, name.length() - 4))) return;
    if (name.matches("[A-Za-z0-9]+\\.(Stage|Alias|Version|DomainName)") && known.contains(name.substring(0, name.indexOf('.')))) return;
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
      Matcher deps = Pattern.compile("<dependency>\\s*(?:<!--.*?-->\\s*)*<groupId>dev\\.cronmon</groupId>\\s*<artifactId>([^<]+)</artifactId>(.*?)</dependency>", Pattern.DOTALL)
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

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
