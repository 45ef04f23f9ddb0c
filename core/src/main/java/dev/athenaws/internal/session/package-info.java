/**
 * Sessions that survive the network: the signed resume token that {@code accepted} carries and
 * {@code cancel} and {@code resume} present ({@link dev.athenaws.internal.session.ResumeTokens}),
 * and what the token says ({@link dev.athenaws.internal.session.ResumeClaims}).
 *
 * <p><b>Unsupported internal API.</b> Public only because other packages of athena-ws use it; it
 * may change in any release without notice. {@code AthenaWs.Builder.resumeTokens} is the supported
 * way to turn sessions on (docs/api.md).
 */
package dev.athenaws.internal.session;
