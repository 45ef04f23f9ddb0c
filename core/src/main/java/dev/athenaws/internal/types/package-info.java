/**
 * Athena (Trino) types and values: type syntax, Athena's text of a value to its Java value, and
 * back.
 *
 * <p><b>Unsupported internal API.</b> Public only because other packages of athena-ws use it; it
 * may change in any release without notice. Build on the supported packages instead (docs/api.md
 * lists them).
 */
package dev.athenaws.internal.types;
