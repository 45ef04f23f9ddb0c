package dev.athenaws.internal.types;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A value of Athena's {@code time with time zone}: a local time and the zone Athena printed with
 * it, either an offset ({@code -08:00}) or a region id ({@code America/Los_Angeles}). The zone is
 * kept as given: a region id is not resolved to an offset because a time without a date has no
 * defined offset.
 *
 * <p>Thread-safety: an immutable record.
 *
 * <p>Exceptions: the constructor and {@link #of} throw {@link NullPointerException} for null.
 *
 * @param time the local time, not null
 * @param zone the zone as given (a {@link java.time.ZoneOffset} or a region id), not null
 */
public record TimeWithZone(LocalTime time, ZoneId zone) {
  /**
   * Validates the components.
   *
   * @param time the local time, not null
   * @param zone the zone, not null
   * @throws NullPointerException when {@code time} or {@code zone} is null
   */
  public TimeWithZone {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(zone, "zone");
  }

  /**
   * A time with a zone.
   *
   * @param time the local time, not null
   * @param zone the zone, not null
   * @return a time with the given zone
   * @throws NullPointerException when {@code time} or {@code zone} is null
   */
  public static TimeWithZone of(LocalTime time, ZoneId zone) {
    return new TimeWithZone(time, zone);
  }
}
