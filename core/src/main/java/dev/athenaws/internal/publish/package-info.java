/**
 * Publishing a finished query's results: pages to rows to messages to the connection, one page
 * fetched ahead, pausable between pages.
 *
 * <p><b>Unsupported internal API.</b> Public only because other packages of athena-ws use it; it
 * may change in any release without notice. Build on the supported packages instead (docs/api.md
 * lists them).
 */
package dev.athenaws.internal.publish;
