package dev.athenaws.catalog;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who asks to run or list queries, as far as the catalog cares: the caller's groups (a query that
 * declares {@code groups} runs only for a member of one of them) and claims (a parameter declared
 * with {@code fromClaim} takes the claim's value, never the client's). The front door builds it
 * from {@code RunOptions.Identity}; {@link #ANONYMOUS} is a connection without identity.
 *
 * <p>Thread-safety: immutable.
 *
 * <p>Exceptions: the constructor throws {@link NullPointerException} for a null argument; the
 * methods never throw.
 *
 * @param authenticated whether the host authenticated the caller (false: no identity at all)
 * @param groups the caller's groups; empty when none
 * @param claims claim name to value; empty when none
 */
public record Caller(boolean authenticated, Set<String> groups, Map<String, String> claims) {
  /** A caller without identity: in no group, without claims. */
  public static final Caller ANONYMOUS = new Caller(false, Set.of(), Map.of());

  /**
   * Copies the collections.
   *
   * @param authenticated whether the host authenticated the caller
   * @param groups the caller's groups, not null
   * @param claims claim name to value, not null
   * @throws NullPointerException if groups or claims is null or holds null
   */
  public Caller {
    groups = Set.copyOf(Objects.requireNonNull(groups, "groups"));
    claims = Map.copyOf(Objects.requireNonNull(claims, "claims"));
  }

  /**
   * An authenticated caller.
   *
   * @param groups the caller's groups, not null
   * @param claims claim name to value, not null
   * @return the caller
   * @throws NullPointerException if an argument is null or holds null
   */
  public static Caller of(Set<String> groups, Map<String, String> claims) {
    return new Caller(true, groups, claims);
  }

  /**
   * @param query a catalog query, not null
   * @return whether this caller may run {@code query}: it declares no groups, or the caller is in
   *     at least one of them
   */
  public boolean mayRun(NamedQuery query) {
    return query.groups().isEmpty() || query.groups().stream().anyMatch(groups::contains);
  }

  /**
   * @param name a claim name
   * @return the claim's value, empty when the caller has no such claim
   */
  public Optional<String> claim(String name) {
    return Optional.ofNullable(claims.get(name));
  }
}
