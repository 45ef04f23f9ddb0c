/**
 * Text helpers shared by the exceptions and the catalog: bounded, control-character-free excerpts
 * of client input.
 *
 * <p><b>Unsupported internal API.</b> Public only because other packages of athena-ws use it; it
 * may change in any release without notice. Build on the supported packages instead (docs/api.md
 * lists them).
 */
package dev.athenaws.internal.text;
