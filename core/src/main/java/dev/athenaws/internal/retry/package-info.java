/**
 * The bounded retry loop that carries out a {@code dev.athenaws.retry.RetryPolicy} with an injected
 * sleeper and jitter source.
 *
 * <p><b>Unsupported internal API.</b> Public only because other packages of athena-ws use it; it
 * may change in any release without notice. Build on the supported packages instead (docs/api.md
 * lists them).
 */
package dev.athenaws.internal.retry;
