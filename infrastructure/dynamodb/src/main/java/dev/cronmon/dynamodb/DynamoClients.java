package dev.cronmon.dynamodb;

import java.net.URI;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the process's one {@link DynamoDbClient} (build it once, outside the handler: it is thread-safe and its
 * construction is a large part of a cold start).
 *
 * <ul>
 *   <li>HTTP: {@link UrlConnectionHttpClient} (no Apache or Netty client on the classpath);</li>
 *   <li>region: {@code AWS_REGION} (set by Lambda), else {@code AWS_DEFAULT_REGION}, else us-east-1 when an endpoint
 *       override is given;</li>
 *   <li>endpoint: {@code DYNAMODB_ENDPOINT} when set (DynamoDB Local: the local stack sets it);</li>
 *   <li>credentials: on Lambda ({@code AWS_LAMBDA_FUNCTION_NAME} set) the execution role's, skipping the provider
 *       chain: from the container credentials endpoint with SnapStart, else the environment variables; with an endpoint override, the {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}
 *       given, else dummy ones (DynamoDB Local checks none); otherwise the SDK's default chain.</li>
 * </ul>
 */
public final class DynamoClients {
  public static final String ENDPOINT = "DYNAMODB_ENDPOINT";
  static final String CONTAINER_CREDENTIALS_URI = "AWS_CONTAINER_CREDENTIALS_FULL_URI";

  private DynamoClients() {}

  public static DynamoDbClient fromEnvironment() {
    return from(System::getenv);
  }

  /** As {@link #fromEnvironment()}, reading the variables from {@code env} (the local stack passes its own). */
  public static DynamoDbClient from(Function<String, String> env) {
    String endpoint = blankToNull(env.apply(ENDPOINT));
    String region = blankToNull(env.apply("AWS_REGION"));
    if (region == null) region = blankToNull(env.apply("AWS_DEFAULT_REGION"));
    if (region == null && endpoint != null) region = Region.US_EAST_1.id();
    if (region == null) throw new IllegalStateException("AWS_REGION is not set");

    var builder = DynamoDbClient.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .region(Region.of(region))
        .credentialsProvider(credentials(env, endpoint != null));
    if (endpoint != null) builder.endpointOverride(URI.create(endpoint));
    return builder.build();
  }

  private static AwsCredentialsProvider credentials(Function<String, String> env, boolean endpointOverride) {
    String keyId = blankToNull(env.apply("AWS_ACCESS_KEY_ID"));
    String secret = blankToNull(env.apply("AWS_SECRET_ACCESS_KEY"));
    if (endpointOverride) {
      if (keyId == null || secret == null) return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
      String token = blankToNull(env.apply("AWS_SESSION_TOKEN"));
      return StaticCredentialsProvider.create(token == null
          ? AwsBasicCredentials.create(keyId, secret)
          : AwsSessionCredentials.create(keyId, secret, token));
    }
    if (blankToNull(env.apply("AWS_LAMBDA_FUNCTION_NAME")) != null) return lambdaCredentials(env);
    return DefaultCredentialsProvider.builder().build();
  }

  /**
   * The execution role's credentials on Lambda, without walking the provider chain. With SnapStart Lambda sets no key
   * variables: it serves the credentials at the URI in {@value #CONTAINER_CREDENTIALS_URI} (the SDK's container
   * provider reads it and its token from the process environment; a restored snapshot fetches fresh ones there);
   * without SnapStart they are the {@code AWS_ACCESS_KEY_ID}… variables.
   */
  static AwsCredentialsProvider lambdaCredentials(Function<String, String> env) {
    if (blankToNull(env.apply(CONTAINER_CREDENTIALS_URI)) != null) return ContainerCredentialsProvider.create();
    return EnvironmentVariableCredentialsProvider.create();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
