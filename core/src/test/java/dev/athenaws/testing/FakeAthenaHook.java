package dev.athenaws.testing;

/**
 * Runs in {@link FakeAthena}'s handler thread before a request is answered (outside its lock), so a
 * test can block a response on a latch or observe the moment of arrival.
 */
@FunctionalInterface
public interface FakeAthenaHook {
  /**
   * @param request the request about to be answered
   */
  void before(FakeAthenaRequest request) throws Exception;
}
