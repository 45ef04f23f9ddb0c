package dev.athenaws.types;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/** A {@code time with time zone} value: a local time and the zone (offset or region) Athena gave. */
public record TimeWithZone(LocalTime time, ZoneId zone) {
  public TimeWithZone {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(zone, "zone");
  }
}
