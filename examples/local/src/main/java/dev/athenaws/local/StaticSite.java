package dev.athenaws.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The web client at {@code /}: the built React app (classpath folder {@code athena-ws-web/}, from
 * the examples/web module) when it is on the classpath, else a minimal page of this module.
 * Read-only GET/HEAD of a fixed set of safe paths; anything else 404 (405 for other methods).
 *
 * <p>Thread-safety: immutable and thread-safe.
 */
final class StaticSite extends Handler.Abstract {
  static final String WEB_ROOT = "athena-ws-web/";
  static final String MINIMAL_PAGE = "dev/athenaws/local/minimal.html";
  private static final Pattern SAFE = Pattern.compile("(/[A-Za-z0-9_-][A-Za-z0-9._-]*)+/?|/");
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "ico", "image/x-icon",
          "json", "application/json",
          "map", "application/json",
          "txt", "text/plain; charset=utf-8");

  private final ClassLoader loader = StaticSite.class.getClassLoader();
  private final boolean webApp = loader.getResource(WEB_ROOT + "index.html") != null;

  /**
   * @return whether the React client is served (else the minimal page)
   */
  boolean servesWebApp() {
    return webApp;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws IOException {
    String method = request.getMethod();
    if (!"GET".equals(method) && !"HEAD".equals(method)) {
      Response.writeError(request, response, callback, 405);
      return true;
    }
    String path = request.getHttpURI().getDecodedPath();
    String resource = resource(path);
    byte[] body = resource == null ? null : read(resource);
    if (body == null) {
      Response.writeError(request, response, callback, 404);
      return true;
    }
    String ext = resource.substring(resource.lastIndexOf('.') + 1);
    response.setStatus(200);
    response
        .getHeaders()
        .put(HttpHeader.CONTENT_TYPE, TYPES.getOrDefault(ext, "application/octet-stream"));
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.write(true, "HEAD".equals(method) ? null : ByteBuffer.wrap(body), callback);
    return true;
  }

  /**
   * @return the classpath resource of a request path, or null when it names none
   */
  private String resource(String path) {
    if (path == null || !SAFE.matcher(path).matches() || path.contains("..")) {
      return null;
    }
    if (path.equals("/") || path.equals("/index.html")) {
      return webApp ? WEB_ROOT + "index.html" : MINIMAL_PAGE;
    }
    return webApp ? WEB_ROOT + path.substring(1) : null;
  }

  private byte[] read(String resource) throws IOException {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      return in == null ? null : in.readAllBytes();
    }
  }
}
