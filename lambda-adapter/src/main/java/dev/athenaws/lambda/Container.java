package dev.athenaws.lambda;

/**
 * The per-container wiring behind the handlers' public no-argument constructors: built from {@code
 * System.getenv()} on first use (Lambda's init phase, when it instantiates the handler) and shared
 * by every handler instance and invocation of the container. The wiring is primed as {@code
 * ATHENA_WS_PRIME} says ({@link Priming}: by default before a SnapStart snapshot only). A failed
 * build is not cached, so the {@link IllegalStateException} naming the bad variable reaches
 * Lambda's init error report unwrapped.
 */
final class Container {
  private static final Object LOCK = new Object();
  private static volatile Config config;
  private static volatile Wiring wiring;

  private Container() {}

  /**
   * @throws IllegalStateException naming the variable when the configuration is invalid
   */
  static Config config() {
    Config c = config;
    if (c == null) {
      synchronized (LOCK) {
        c = config;
        if (c == null) {
          c = Config.from(System.getenv());
          config = c;
        }
      }
    }
    return c;
  }

  /**
   * @throws IllegalStateException naming the variable when the configuration is invalid
   */
  static Wiring wiring() {
    Wiring w = wiring;
    if (w == null) {
      synchronized (LOCK) {
        w = wiring;
        if (w == null) {
          w = Wiring.fromEnvironment(System.getenv());
          Priming.onInit(System.getenv());
          wiring = w;
        }
      }
    }
    return w;
  }
}
