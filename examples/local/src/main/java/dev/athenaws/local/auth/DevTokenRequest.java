package dev.athenaws.local.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What {@code GET /dev-token} was asked for: {@code sub}, {@code groups=a,b}, {@code
 * claim.NAME=VALUE} (any number) and {@code ttl} in seconds (a negative ttl mints a token that has
 * already expired, for testing refusals).
 *
 * <p>Thread-safety: immutable.
 *
 * @param subject the {@code sub} claim
 * @param groups the {@code groups} claim, empty for none
 * @param claims further string claims by name
 * @param ttl {@code exp} minus {@code iat}
 */
public record DevTokenRequest(
    String subject, List<String> groups, Map<String, String> claims, Duration ttl) {
  /** The default lifetime when no {@code ttl} is given: one hour. */
  public static final Duration DEFAULT_TTL = Duration.ofHours(1);

  /** The largest {@code ttl}, either way: one day. */
  static final long MAX_TTL_SECONDS = 86_400;

  private static final int MAX_VALUE = 256;
  private static final int MAX_GROUPS = 50;
  private static final int MAX_CLAIMS = 50;
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_:.-]{0,63}");
  private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9_:.@-]{1,128}");

  /** Registered claims the issuer sets itself, and the groups claim with its own parameter. */
  private static final Set<String> RESERVED =
      Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti", "groups");

  /**
   * Copies the collections.
   *
   * @throws NullPointerException on a null part
   */
  public DevTokenRequest {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(ttl, "ttl");
    groups = List.copyOf(groups);
    claims = Map.copyOf(claims);
  }

  /**
   * Reads the query parameters of a {@code /dev-token} request.
   *
   * @param query the parameters by name, each with its values
   * @return the request
   * @throws IllegalArgumentException with a message for the caller on a missing, repeated, unknown,
   *     malformed, reserved or oversized parameter
   */
  public static DevTokenRequest parse(Map<String, List<String>> query) {
    String subject = null;
    List<String> groups = List.of();
    Map<String, String> claims = new LinkedHashMap<>();
    Duration ttl = DEFAULT_TTL;
    for (Map.Entry<String, List<String>> p : query.entrySet()) {
      String name = p.getKey();
      require(p.getValue().size() == 1, "parameter " + name + " is given more than once");
      String value = p.getValue().get(0);
      require(value.length() <= MAX_VALUE, name + " is longer than " + MAX_VALUE + " characters");
      if (name.equals("sub")) {
        require(!value.isBlank(), "sub must not be empty");
        subject = value;
      } else if (name.equals("groups")) {
        groups = groups(value);
      } else if (name.equals("ttl")) {
        ttl = Duration.ofSeconds(ttlSeconds(value));
      } else if (name.startsWith("claim.")) {
        String claim = name.substring("claim.".length());
        require(NAME.matcher(claim).matches(), "claim name must match " + NAME + ": " + claim);
        require(
            !RESERVED.contains(claim),
            "claim." + claim + " is set by the issuer (use sub, groups or ttl)");
        claims.put(claim, value);
      } else {
        throw new IllegalArgumentException(
            "unknown parameter " + name + " (sub, groups, claim.NAME, ttl)");
      }
    }
    require(subject != null, "sub is required, e.g. /dev-token?sub=alice");
    require(claims.size() <= MAX_CLAIMS, "at most " + MAX_CLAIMS + " claim.NAME parameters");
    return new DevTokenRequest(subject, groups, claims, ttl);
  }

  private static List<String> groups(String value) {
    if (value.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String g : value.split(",", -1)) {
      require(GROUP.matcher(g).matches(), "each group must match " + GROUP + ": '" + g + "'");
      out.add(g);
    }
    require(out.size() <= MAX_GROUPS, "at most " + MAX_GROUPS + " groups");
    return out;
  }

  private static long ttlSeconds(String value) {
    long seconds;
    try {
      seconds = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "ttl needs a whole number of seconds, got '" + value + "'");
    }
    require(
        seconds != 0 && Math.abs(seconds) <= MAX_TTL_SECONDS,
        "ttl must be from -86400 to 86400 seconds, not 0 (negative: an expired token)");
    return seconds;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
