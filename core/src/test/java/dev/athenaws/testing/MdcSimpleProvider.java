package dev.athenaws.testing;

import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.simple.SimpleServiceProvider;
import org.slf4j.spi.MDCAdapter;

/**
 * slf4j-simple with a working MDC (slf4j-simple's own is a no-op), for the tests of the log
 * context: core's surefire configuration selects it with {@code -Dslf4j.provider}. Thread-safe.
 */
public final class MdcSimpleProvider extends SimpleServiceProvider {
  private final MDCAdapter mdc = new BasicMDCAdapter();

  /** Used by SLF4J. */
  public MdcSimpleProvider() {}

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }
}
