package dev.athenaws.local.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * {@code GET /.well-known/jwks.json} (the public key, {@code application/json}) and {@code GET
 * /dev-token?...} (a signed token, {@code text/plain}; 400 with a one-line reason on a bad
 * parameter). Every answer carries {@code X-Athena-Ws-Local-Only: true} and {@code Cache-Control:
 * no-store}. Other paths pass to the next handler.
 *
 * <p>Thread-safety: thread-safe.
 */
final class IssuerEndpoints extends Handler.Abstract {
  private final LocalIssuer issuer;

  IssuerEndpoints(LocalIssuer issuer) {
    this.issuer = issuer;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = request.getHttpURI().getPath();
    boolean jwks = LocalIssuer.JWKS_PATH.equals(path);
    if (!jwks && !LocalIssuer.DEV_TOKEN_PATH.equals(path)) {
      return false;
    }
    response.getHeaders().put(LocalIssuer.LOCAL_ONLY_HEADER, "true");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    if (!"GET".equals(request.getMethod())) {
      response.getHeaders().put(HttpHeader.ALLOW, "GET");
      write(response, callback, 405, "text/plain; charset=utf-8", "only GET is supported\n");
      return true;
    }
    if (jwks) {
      write(response, callback, 200, "application/json", issuer.jwks());
      return true;
    }
    DevTokenRequest token;
    try {
      token = DevTokenRequest.parse(query(request));
    } catch (IllegalArgumentException e) {
      write(response, callback, 400, "text/plain; charset=utf-8", e.getMessage() + "\n");
      return true;
    }
    write(response, callback, 200, "text/plain; charset=utf-8", issuer.mint(token));
    return true;
  }

  private static Map<String, List<String>> query(Request request) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (Fields.Field f : Request.extractQueryParameters(request)) {
      m.put(f.getName(), f.getValues());
    }
    return m;
  }

  private static void write(
      Response response, Callback callback, int status, String type, String body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
  }
}
