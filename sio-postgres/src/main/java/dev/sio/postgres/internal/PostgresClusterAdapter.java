package dev.sio.postgres.internal;

import dev.sio.cluster.ClusterAdapter;
import dev.sio.cluster.ClusterMessage;
import dev.sio.cluster.ClusterSettings;
import dev.sio.postgres.PostgresAdapterOptions;
import dev.sio.server.Namespace;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code PostgresAdapter} of {@code @socket.io/postgres-adapter} 0.5 for one namespace: a {@code
 * ClusterAdapterWithHeartbeat} whose messages and responses all go to {@code prefix#nsp}; the
 * server count is the number of servers heard from within the heartbeat timeout. No connection
 * state recovery across servers (the Node adapter has none either).
 */
public final class PostgresClusterAdapter extends ClusterAdapter {
  private final PgLink link;

  /** An adapter for {@code nsp} over {@code link}. */
  public PostgresClusterAdapter(Namespace nsp, PgLink link, PostgresAdapterOptions options) {
    super(
        nsp,
        link,
        new ClusterSettings(
            options.requestsTimeout(), options.heartbeatInterval(), options.heartbeatTimeout()));
    this.link = link;
  }

  @Override
  protected boolean heartbeats() {
    return true;
  }

  @Override
  protected String transportName() {
    return "PostgreSQL";
  }

  /** The namespace's name. */
  public String namespaceName() {
    return nsp.name();
  }

  @Override
  public CompletableFuture<Void> init() {
    // Listen first (for a bounded time: a database that is down must not stop the server), so
    // that the answers to the initial heartbeat are heard.
    return link.register(this)
        .completeOnTimeout(null, 5, TimeUnit.SECONDS)
        .thenCompose(v -> super.init());
  }

  @Override
  public CompletableFuture<Void> close() {
    return super.close().whenComplete((v, e) -> link.unregister(this));
  }

  @Override
  public CompletableFuture<Integer> serverCount() {
    return heartbeatServerCount();
  }

  @Override
  protected CompletableFuture<String> doPublish(ClusterMessage message) {
    return link.publish(message).thenApply(v -> "");
  }

  @Override
  protected CompletableFuture<?> doPublishResponse(String requesterUid, ClusterMessage response) {
    return link.publish(response);
  }

  /** A message from another server (called on the listener thread). */
  void receive(ClusterMessage m) {
    onMessage(m, null);
  }
}
