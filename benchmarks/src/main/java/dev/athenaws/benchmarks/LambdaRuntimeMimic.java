package dev.athenaws.benchmarks;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The main class of the fresh JVM a cold-start run starts: loads a handler the way the Lambda Java
 * runtime does and serves invocations with one event, then prints one result line. Runs on a class
 * path of the deployable jar, this class and the runtime's event serializer ({@code
 * aws-lambda-java-serialization}) only; configuration comes from the environment variables the
 * parent set.
 *
 * <p>As the runtime: the handler class is loaded and built with its public no-argument constructor
 * (timed as init); for a {@link RequestHandler} the runtime's serializer for the event class is
 * created before the first invocation (the runtime does that at init too, but it is the runtime's
 * cost, so it is timed apart); an invocation is deserialize, {@code handleRequest}, serialize (a
 * {@link RequestStreamHandler} gets the raw bytes). The context reports a 60 s timeout.
 *
 * <p>Arguments: handler class name, event file, number of invocations. Output line: {@code
 * athena-ws-coldstart {"initNanos":..,"serializerNanos":..,"invokeNanos":[..],"output":".."}} where
 * {@code output} is the first invocation's response.
 */
public final class LambdaRuntimeMimic {
  static final String PREFIX = "athena-ws-coldstart ";
  static final int TIMEOUT_MILLIS = 60_000;

  private LambdaRuntimeMimic() {}

  /**
   * @param args handler class, event file, invocations
   * @throws Exception when the handler cannot be loaded or an invocation throws: the JVM then exits
   *     non-zero with the stack trace on stderr, as a failed Lambda init or invocation would
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      throw new IllegalArgumentException(
          "usage: LambdaRuntimeMimic <handler class> <event file> <invocations>");
    }
    byte[] event = Files.readAllBytes(Path.of(args[1]));
    int invocations = Integer.parseInt(args[2]);

    long t0 = System.nanoTime();
    Object handler = Class.forName(args[0]).getConstructor().newInstance();
    long initNanos = System.nanoTime() - t0;

    long t1 = System.nanoTime();
    Invoker invoker = invoker(handler);
    long serializerNanos = System.nanoTime() - t1;

    List<Long> invokeNanos = new ArrayList<>();
    String output = null;
    for (int i = 0; i < invocations; i++) {
      long start = System.nanoTime();
      byte[] out = invoker.invoke(event, new MimicContext(start));
      invokeNanos.add(System.nanoTime() - start);
      if (output == null) {
        output = new String(out, StandardCharsets.UTF_8);
      }
    }
    System.out.println(
        PREFIX
            + "{\"initNanos\":"
            + initNanos
            + ",\"serializerNanos\":"
            + serializerNanos
            + ",\"invokeNanos\":"
            + invokeNanos.toString().replace(" ", "")
            + ",\"output\":"
            + quote(output == null ? "" : output)
            + "}");
    // End as a Lambda environment would be frozen: now, whatever threads the SDK may still hold.
    System.exit(0);
  }

  /** One invocation: event bytes in, response bytes out. */
  @FunctionalInterface
  interface Invoker {
    byte[] invoke(byte[] event, Context context) throws Exception;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static Invoker invoker(Object handler) throws ReflectiveOperationException {
    if (handler instanceof RequestStreamHandler stream) {
      return (event, context) -> {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        stream.handleRequest(new ByteArrayInputStream(event), out, context);
        return out.toByteArray();
      };
    }
    RequestHandler requestHandler = (RequestHandler) handler;
    Method method = handleRequest(handler.getClass());
    ClassLoader loader = handler.getClass().getClassLoader();
    PojoSerializer in = LambdaEventSerializers.serializerFor(method.getParameterTypes()[0], loader);
    PojoSerializer out = LambdaEventSerializers.serializerFor(method.getReturnType(), loader);
    return (event, context) -> {
      Object response =
          requestHandler.handleRequest(in.fromJson(new ByteArrayInputStream(event)), context);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      out.toJson(response, bytes);
      return bytes.toByteArray();
    };
  }

  /** The concrete {@code handleRequest(I, Context)}, not the erased bridge method. */
  private static Method handleRequest(Class<?> type) throws NoSuchMethodException {
    for (Method m : type.getMethods()) {
      if (m.getName().equals("handleRequest")
          && m.getParameterCount() == 2
          && !m.isBridge()
          && m.getParameterTypes()[1] == Context.class) {
        return m;
      }
    }
    throw new NoSuchMethodException(type.getName() + ".handleRequest(I, Context)");
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  /** A context with a 60 s budget from the invocation's start. */
  private record MimicContext(long startNanos) implements Context {
    @Override
    public int getRemainingTimeInMillis() {
      return (int) (TIMEOUT_MILLIS - (System.nanoTime() - startNanos) / 1_000_000);
    }

    @Override
    public String getAwsRequestId() {
      return "c0ffee00-0000-4000-8000-000000000000";
    }

    @Override
    public String getLogGroupName() {
      return "/aws/lambda/athena-ws-coldstart";
    }

    @Override
    public String getLogStreamName() {
      return "coldstart";
    }

    @Override
    public String getFunctionName() {
      return "athena-ws-coldstart";
    }

    @Override
    public String getFunctionVersion() {
      return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
      return "arn:aws:lambda:us-east-1:123456789012:function:athena-ws-coldstart";
    }

    @Override
    public CognitoIdentity getIdentity() {
      return null;
    }

    @Override
    public ClientContext getClientContext() {
      return null;
    }

    @Override
    public int getMemoryLimitInMB() {
      return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
      return new LambdaLogger() {
        @Override
        public void log(String message) {
          System.err.println(message);
        }

        @Override
        public void log(byte[] message) {
          log(new String(message, StandardCharsets.UTF_8));
        }
      };
    }
  }
}
