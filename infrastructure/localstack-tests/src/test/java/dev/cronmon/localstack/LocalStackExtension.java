package dev.cronmon.localstack;

import dev.cronmon.dynamodb.TestDynamoDb;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Every test of this module runs under this extension (JUnit's extension auto-detection, switched on in the pom):
 *
 * <ul>
 *   <li>without a Docker engine, each test class is disabled with the reason, which Surefire reports as skipped;</li>
 *   <li>with one, a single LocalStack container (DynamoDB, EventBridge, SNS, SQS) is started for the whole run, the
 *       store and sweeper tests of cronmon-dynamodb are pointed at its DynamoDB ({@link TestDynamoDb}), and tests
 *       here receive the container as a parameter.</li>
 * </ul>
 *
 * <p>The image is pinned: {@value #IMAGE} is a community image that starts without an auth token (LocalStack's later
 * images need {@code LOCALSTACK_AUTH_TOKEN}, which is passed on when set). {@code -Dcronmon.localstack.image=…}
 * chooses another.
 */
public final class LocalStackExtension implements ExecutionCondition, BeforeAllCallback, ParameterResolver {
  static final String IMAGE = "localstack/localstack:4.9.2";
  static final String NO_DOCKER = "no Docker engine found: LocalStack tests need one";
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LocalStackExtension.class);

  /** Asked once per run: Testcontainers looks for an engine (DOCKER_HOST, the socket, ~/.testcontainers.properties). */
  private static Boolean dockerFound;

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    // Decided for each test class (so nothing of a skipped class runs, not even its @BeforeAll) and each method.
    return dockerAvailable()
        ? ConditionEvaluationResult.enabled("Docker engine found")
        : ConditionEvaluationResult.disabled(NO_DOCKER);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (!dockerAvailable()) return;
    System.setProperty(TestDynamoDb.ENDPOINT_PROPERTY, container(context).getEndpoint().toString());
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LocalStackContainer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return container(context);
  }

  private static synchronized boolean dockerAvailable() {
    if (dockerFound == null) {
      dockerFound = DockerClientFactory.instance().isDockerAvailable();
      // Surefire's console shows counts only; the reason is in each skipped test of the XML report, and here once.
      if (!dockerFound) System.err.println("LocalStack tests skipped: " + NO_DOCKER);
    }
    return dockerFound;
  }

  /** The run's one container: kept in the root store, which stops it when the run ends. */
  private static LocalStackContainer container(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(RunningLocalStack.class, key -> RunningLocalStack.start(), RunningLocalStack.class)
        .container();
  }

  private record RunningLocalStack(LocalStackContainer container) implements ExtensionContext.Store.CloseableResource {
    static RunningLocalStack start() {
      DockerImageName image = DockerImageName.parse(System.getProperty("cronmon.localstack.image", IMAGE))
          .asCompatibleSubstituteFor("localstack/localstack"); // a mirror of the image in another registry
      LocalStackContainer container = new LocalStackContainer(image)
          .withServices("dynamodb", "events", "sns", "sqs")
          .withEnv("DYNAMODB_IN_MEMORY", "1");
      String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
      if (token != null && !token.isBlank()) container.withEnv("LOCALSTACK_AUTH_TOKEN", token);
      container.start();
      return new RunningLocalStack(container);
    }

    @Override
    public void close() {
      container.stop();
    }
  }
}
