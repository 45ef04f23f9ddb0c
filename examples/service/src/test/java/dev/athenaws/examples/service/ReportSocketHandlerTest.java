package dev.athenaws.examples.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.athenaws.AthenaWs;
import dev.athenaws.catalog.QueryCatalog;
import dev.athenaws.internal.query.CompletionWaiter;
import dev.athenaws.internal.query.PageFetcher;
import dev.athenaws.internal.query.QueryStarter;
import java.time.Duration;
import java.util.HashMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * The WebSocket handler over the real ReportService and notifier, with Athena mocked: frames run on
 * the query pool, not on the thread that received them, and a full pool answers ATHENA_BUSY.
 */
class ReportSocketHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final QueryStarter starter = mock(QueryStarter.class);
  private final SessionNotifier notifier = new SessionNotifier(30_000, 1024 * 1024);
  private final QueryExecutor executor = new QueryExecutor(1, 1, Duration.ZERO);
  private final ReportSocketHandler handler =
      new ReportSocketHandler(
          new ReportService(
              AthenaWs.builder()
                  .catalog(QueryCatalog.cloudTrailExample())
                  .notifier(notifier)
                  .queryStarter(starter)
                  .completionWaiter(mock(CompletionWaiter.class))
                  .pageFetcher(mock(PageFetcher.class))
                  .queryTimeout(Duration.ofMinutes(1))
                  .build()),
          notifier,
          executor);

  /** What the client received, and on which thread it was sent. */
  private final BlockingQueue<Sent> sent = new LinkedBlockingQueue<>();

  private final WebSocketSession session = mock(WebSocketSession.class);

  private record Sent(JsonNode message, String thread) {}

  ReportSocketHandlerTest() throws Exception {
    when(session.isOpen()).thenReturn(true);
    when(session.getAttributes()).thenReturn(new HashMap<>());
    doAnswer(
            call ->
                sent.add(
                    new Sent(
                        JSON.readTree(((TextMessage) call.getArgument(0)).getPayload()),
                        Thread.currentThread().getName())))
        .when(session)
        .sendMessage(any());
    handler.afterConnectionEstablished(session);
    executor.start();
  }

  @AfterEach
  void stopPool() {
    executor.stop();
  }

  @Test
  void aFrameIsHandledOnTheQueryPoolNotOnTheReceivingThread() throws Exception {
    handler.handleTextMessage(
        session, new TextMessage("{\"action\":\"listQueries\",\"requestId\":\"r1\"}"));

    Sent reply = sent.poll(30, TimeUnit.SECONDS);
    assertThat(reply).isNotNull();
    assertThat(reply.message().path("type").asText()).isEqualTo("catalog");
    assertThat(reply.thread()).startsWith("athena-ws-query-");
  }

  @Test
  void whenThePoolIsFullAFrameIsRefusedAtOnceWithAthenaBusy() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    executor.execute(
        () -> {
          running.countDown();
          awaitQuietly(release);
        },
        () -> {});
    assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
    executor.execute(() -> awaitQuietly(release), () -> {});

    handler.handleTextMessage(
        session, new TextMessage("{\"action\":\"query\",\"requestId\":\"r9\"}"));

    Sent reply = sent.poll(30, TimeUnit.SECONDS);
    release.countDown();
    assertThat(reply).isNotNull();
    assertThat(reply.thread()).isEqualTo(Thread.currentThread().getName());
    JsonNode error = reply.message();
    assertThat(error.path("type").asText()).isEqualTo("error");
    assertThat(error.path("code").asText()).isEqualTo("ATHENA_BUSY");
    assertThat(error.path("requestId").asText()).isEqualTo("r9");
    assertThat(error.path("retryable").asBoolean()).isTrue();
    verifyNoInteractions(starter);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
