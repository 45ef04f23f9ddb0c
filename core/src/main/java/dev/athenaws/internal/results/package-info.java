/**
 * {@code GetQueryResults} pages to typed rows, one page at a time (header row only on page 1 of a
 * SELECT, NULL kept apart from the empty string).
 *
 * <p><b>Unsupported internal API.</b> Public only because other packages of athena-ws use it; it
 * may change in any release without notice. Build on the supported packages instead (docs/api.md
 * lists them).
 */
package dev.athenaws.internal.results;
