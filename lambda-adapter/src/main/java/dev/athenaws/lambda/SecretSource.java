package dev.athenaws.lambda;

/**
 * Reads a secret's text by its identifier (a Secrets Manager ARN), for {@link SessionConfig}.
 * Implementations: {@link SecretsManagerReader} on Lambda, in-memory ones in tests and priming.
 */
@FunctionalInterface
interface SecretSource {
  /**
   * @param secretId the secret's ARN
   * @return the secret's current text
   * @throws SecretUnavailableException when it cannot be read
   */
  String secretString(String secretId) throws SecretUnavailableException;
}
