package dev.athenaws.local;

import dev.athenaws.catalog.NamedQuery;
import dev.athenaws.catalog.ParameterSpec;
import dev.athenaws.catalog.QueryCatalog;
import dev.athenaws.error.CatalogException;
import dev.athenaws.local.auth.LocalIssuer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the local stack gives the Lambda handlers: the environment variables a deployment would set
 * (docs/configuration.md), and the SDK's standard endpoint settings pointing at the stack. Nothing
 * else tells the handlers they run locally.
 *
 * @param variables the handlers' environment
 * @param endpoint the stack's base URL ({@code http://127.0.0.1:port})
 */
record LocalEnvironment(Map<String, String> variables, String endpoint) {

  static LocalEnvironment of(LocalOptions o, String endpoint) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("ATHENA_WS_MODE", o.mode());
    env.put("STATE_MACHINE_ARN", LocalStack.STATE_MACHINE_ARN);
    env.put("WEBSOCKET_ENDPOINT", endpoint + "/" + o.stage());
    env.put("AWS_REGION", LocalStack.REGION);
    env.put("ATHENA_WORK_GROUP", LocalStack.WORK_GROUP);
    env.put("ATHENA_DATABASE", o.database());
    // EMF lines (one per handler call) would drown the console; --metrics on shows them.
    env.put("METRICS_DISABLED", String.valueOf(!o.metrics()));
    env.put("RESULT_FETCH", o.resultFetch());
    o.downloadLinks().addTo(env);
    if (o.postsInFlight() != null) {
      env.put("POSTS_IN_FLIGHT", o.postsInFlight().toString());
    }
    if (o.queryCatalog() != null) {
      env.put("QUERY_CATALOG", o.queryCatalog().toAbsolutePath().toString());
    }
    env.put("RESUME_TOKEN_SECRET", newSecret());
    if (o.jwtAuth()) {
      // --auth jwt: the stack is the issuer (dev.athenaws.local.auth.LocalIssuer); a deployment
      // sets the same three variables to its Cognito user pool or OIDC provider.
      env.put("JWT_ISSUER", endpoint);
      env.put("JWT_AUDIENCE", LocalIssuer.AUDIENCE);
      env.put("JWT_JWKS_URL", endpoint + LocalIssuer.JWKS_PATH);
      // The local issuer writes the dev token's groups as claim "groups" (LocalIssuer).
      env.put("JWT_GROUPS_CLAIM", "groups");
      // The claims the catalog binds parameters to (fromClaim) must reach the routes.
      env.put("JWT_CONTEXT_CLAIMS", String.join(",", boundClaims(o.queryCatalog())));
    }
    return new LocalEnvironment(Map.copyOf(env), endpoint);
  }

  /**
   * @param catalogFile the catalog file, null for the built-in example
   * @return the claims its parameters are bound to, without {@code sub} and {@code groups} (always
   *     in the authorizer context); none when the catalog does not load (the handlers' own load
   *     then reports why)
   */
  static Set<String> boundClaims(Path catalogFile) {
    QueryCatalog catalog;
    try {
      catalog =
          catalogFile == null
              ? QueryCatalog.cloudTrailExample()
              : QueryCatalog.fromPath(catalogFile);
    } catch (CatalogException e) {
      return Set.of();
    }
    Set<String> claims = new TreeSet<>();
    for (NamedQuery q : catalog.queries()) {
      for (ParameterSpec p : q.parameters()) {
        if (p.fromClaim() != null
            && !p.fromClaim().equals("sub")
            && !p.fromClaim().equals("groups")) {
          claims.add(p.fromClaim());
        }
      }
    }
    return claims;
  }

  /**
   * A fresh resume-token secret per run (a deployment keeps one in Secrets Manager): 32 random
   * bytes as 64 hex characters. Tokens of an earlier run are refused, as a rotated-out secret's
   * would be.
   */
  private static String newSecret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * Points the SDK's standard endpoint resolution at the stack: the system-property forms of {@code
   * AWS_ENDPOINT_URL_ATHENA}, {@code AWS_ENDPOINT_URL_SFN} and {@code AWS_ENDPOINT_URL_S3} (the S3
   * endpoint is path-style at the stack's root, which the handlers' S3 reader resolves the same
   * way), and placeholder credentials unless the user has some (the local endpoints do not check
   * signatures).
   */
  void applySdkSettings() {
    System.setProperty("aws.endpointUrlAthena", endpoint);
    System.setProperty("aws.endpointUrlSfn", endpoint);
    System.setProperty("aws.endpointUrlS3", endpoint);
    // The handlers get AWS_REGION in their own variables; the S3 reader's default region chain
    // reads the process's, so the region is set where that chain looks first.
    System.setProperty("aws.region", LocalStack.REGION);
    boolean hasCredentials =
        System.getenv("AWS_ACCESS_KEY_ID") != null || System.getProperty("aws.accessKeyId") != null;
    if (!hasCredentials) {
      System.setProperty("aws.accessKeyId", "local");
      System.setProperty("aws.secretAccessKey", "local");
    }
  }
}
