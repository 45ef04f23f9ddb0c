/**
 * Posting messages to WebSocket clients: a {@link dev.athenaws.notify.Connection} is a connection
 * id and where to post; {@link dev.athenaws.notify.ConnectionNotifier} is the one interface any
 * WebSocket server implements (typed {@link dev.athenaws.notify.PostOutcome}s); {@link
 * dev.athenaws.notify.ApiGateway} builds API Gateway's connections and its management API notifier
 * ({@code PostToConnection} with bounded, injected retries).
 */
package dev.athenaws.notify;
