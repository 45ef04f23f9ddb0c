package dev.athenaws.lambda.auth;

import java.io.IOException;

/** Fetches the issuer's JWK Set document. Implementations must be thread-safe. */
@FunctionalInterface
interface JwksFetcher {
  /**
   * @return the JWK Set as JSON text
   * @throws IOException when it cannot be fetched (unreachable, non-200, too large)
   */
  String fetch() throws IOException;
}
