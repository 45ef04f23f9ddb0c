/**
 * Protocol v1 of docs/protocol.md: decoding client frames under limits, encoding server messages,
 * packing rows into messages under the size limit.
 *
 * <p><b>Unsupported internal API.</b> Public only because other packages of athena-ws use it; it
 * may change in any release without notice. Build on the supported packages instead (docs/api.md
 * lists them).
 */
package dev.athenaws.internal.protocol;
