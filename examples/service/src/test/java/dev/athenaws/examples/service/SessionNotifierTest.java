package dev.athenaws.examples.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.athenaws.notify.Connection;
import dev.athenaws.notify.PostOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * The notifier over Spring sessions, against a session that behaves like Tomcat's: a send while
 * another is in progress fails with IllegalStateException. Latches order the threads; nothing
 * sleeps.
 */
class SessionNotifierTest {
  private final WebSocketSession session = mock(WebSocketSession.class);
  private final List<String> written = new CopyOnWriteArrayList<>();
  private final AtomicBoolean sending = new AtomicBoolean();
  private final CountDownLatch firstSendEntered = new CountDownLatch(1);
  private final CountDownLatch releaseFirstSend = new CountDownLatch(1);

  SessionNotifierTest() throws IOException {
    when(session.isOpen()).thenReturn(true);
    doAnswer(
            call -> {
              if (!sending.compareAndSet(false, true)) {
                throw new IllegalStateException(
                    "The remote endpoint was in state [TEXT_PARTIAL_WRITING]");
              }
              try {
                String text = ((TextMessage) call.getArgument(0)).getPayload();
                written.add(text);
                if (text.equals("first")) {
                  firstSendEntered.countDown();
                  releaseFirstSend.await(30, TimeUnit.SECONDS);
                }
                return null;
              } finally {
                sending.set(false);
              }
            })
        .when(session)
        .sendMessage(any());
  }

  @Test
  void aStopsInterruptWaitsForTheSendInProgressInsteadOfCuttingIt() throws Exception {
    SessionNotifier notifier = new SessionNotifier(30_000, 1024 * 1024);
    Connection client = notifier.open(session);
    AtomicReference<PostOutcome> outcome = new AtomicReference<>();
    CountDownLatch interruptedAfterSend = new CountDownLatch(1);
    Thread query =
        new Thread(
            () -> {
              outcome.set(notifier.post(client, bytes("first")));
              while (!Thread.currentThread().isInterrupted()) {
                LockSupport.park(); // an interrupt unparks
              }
              interruptedAfterSend.countDown();
            });
    query.start();
    assertThat(firstSendEntered.await(30, TimeUnit.SECONDS)).isTrue();

    // What QueryExecutor.stop does; the session's send (like Tomcat's) fails if interrupted.
    Thread stopper = new Thread(() -> notifier.interruptOutsideSend(query));
    stopper.start();
    while (stopper.isAlive() && stopper.getState() != Thread.State.WAITING) {
      Thread.onSpinWait();
    }
    assertThat(stopper.isAlive()).as("the interrupt waits for the send in progress").isTrue();
    releaseFirstSend.countDown();

    stopper.join(30_000);
    assertThat(interruptedAfterSend.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(outcome.get()).isEqualTo(new PostOutcome.Delivered(1));
    assertThat(written).containsExactly("first");
  }

  @Test
  void aPostDuringAnotherThreadsSendIsQueuedAndSentAfterItNeverConcurrently() throws Exception {
    SessionNotifier notifier = new SessionNotifier(30_000, 1024 * 1024);
    Connection client = notifier.open(session);
    CompletableFuture<PostOutcome> first =
        CompletableFuture.supplyAsync(() -> notifier.post(client, bytes("first")));
    assertThat(firstSendEntered.await(30, TimeUnit.SECONDS)).isTrue();

    PostOutcome second = notifier.post(client, bytes("second"));
    releaseFirstSend.countDown();

    assertThat(second).isEqualTo(new PostOutcome.Delivered(1));
    assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(new PostOutcome.Delivered(1));
    assertThat(written).containsExactly("first", "second");
  }

  @Test
  void aClientThatDoesNotReadIsDisconnectedOnceItsBufferIsFull() throws Exception {
    SessionNotifier notifier = new SessionNotifier(30_000, 16);
    Connection client = notifier.open(session);
    CompletableFuture<PostOutcome> first =
        CompletableFuture.supplyAsync(() -> notifier.post(client, bytes("first")));
    assertThat(firstSendEntered.await(30, TimeUnit.SECONDS)).isTrue();

    PostOutcome tooMuch = notifier.post(client, bytes("x".repeat(64)));
    releaseFirstSend.countDown();
    first.get(30, TimeUnit.SECONDS);

    assertThat(tooMuch).isEqualTo(new PostOutcome.Gone());
    verify(session).close(CloseStatus.SESSION_NOT_RELIABLE);
    assertThat(notifier.post(client, bytes("later"))).isEqualTo(new PostOutcome.Gone());
  }

  @Test
  void aClosedOrBrokenSessionIsGone() throws Exception {
    SessionNotifier notifier = new SessionNotifier(30_000, 1024);
    Connection left = notifier.open(session);
    notifier.closed(left);
    assertThat(notifier.post(left, bytes("hello"))).isEqualTo(new PostOutcome.Gone());
    assertThat(notifier.disconnect(left)).isEqualTo(new PostOutcome.Gone());

    WebSocketSession broken = mock(WebSocketSession.class);
    when(broken.isOpen()).thenReturn(true);
    doThrow(new IOException("Broken pipe")).when(broken).sendMessage(any());
    Connection client = notifier.open(broken);
    assertThat(notifier.post(client, bytes("hello"))).isEqualTo(new PostOutcome.Gone());
    verify(broken).close(CloseStatus.SESSION_NOT_RELIABLE);
  }

  @Test
  void anInterruptedQueryThreadStillDeliversItsLastMessageAndStaysInterrupted() throws Exception {
    WebSocketSession tomcatLike = mock(WebSocketSession.class);
    when(tomcatLike.isOpen()).thenReturn(true);
    doAnswer(
            call -> {
              if (Thread.currentThread().isInterrupted()) {
                throw new IOException("java.lang.InterruptedException");
              }
              written.add(((TextMessage) call.getArgument(0)).getPayload());
              return null;
            })
        .when(tomcatLike)
        .sendMessage(any());
    SessionNotifier notifier = new SessionNotifier(30_000, 1024);
    Connection client = notifier.open(tomcatLike);

    Thread.currentThread().interrupt();
    PostOutcome outcome = notifier.post(client, bytes("cancelled"));
    boolean stillInterrupted = Thread.interrupted();

    assertThat(outcome).isEqualTo(new PostOutcome.Delivered(1));
    assertThat(written).containsExactly("cancelled");
    assertThat(stillInterrupted).isTrue();
  }

  @Test
  void everyConnectionGetsItsOwnRandomId() {
    SessionNotifier notifier = new SessionNotifier(30_000, 1024);
    Connection a = notifier.open(session);
    Connection b = notifier.open(session);
    assertThat(a.id()).isNotEqualTo(b.id()).hasSize(36);
    assertThat(notifier.disconnect(a)).isEqualTo(new PostOutcome.Delivered(1));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
