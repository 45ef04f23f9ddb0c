/**
 * The API Gateway management API notifier behind {@code dev.athenaws.notify}: {@code PostToConnection} with typed outcomes and bounded retries.
 *
 * <p><b>Unsupported internal API.</b> Public only because other packages of athena-ws use it; it may change in
 * any release without notice. Build on the supported packages instead (docs/api.md lists them).
 */
package dev.athenaws.internal.notify;
