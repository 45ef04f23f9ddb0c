/**
 * Turns a client's query request into a {@code dev.athenaws.catalog.Statement}: the catalog query,
 * or raw SQL where a deployment enabled it.
 *
 * <p><b>Unsupported internal API.</b> Public only because other packages of athena-ws use it; it
 * may change in any release without notice. Build on the supported packages instead (docs/api.md
 * lists them).
 */
package dev.athenaws.internal.catalog;
