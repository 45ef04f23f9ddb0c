/**
 * Authenticated connections: {@link dev.athenaws.lambda.auth.ConnectAuthorizerHandler}, the Lambda
 * REQUEST authorizer of the WebSocket {@code $connect} route, verifies an OIDC/JWT token against
 * the issuer's JWKS (Auth0's java-jwt does the signature and claim checks; the JDK parses the JWKs)
 * and answers API Gateway with an IAM policy and a small context (subject, groups, named claims).
 * docs/security.md, section "Authenticated connections", describes what is checked.
 */
package dev.athenaws.lambda.auth;
