package dev.athenaws.internal.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.athenaws.AthenaSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AthenaSettingsTest {
  @Test
  void defaultsRunInThePrimaryWorkGroupOnTheDefaultDatabase() {
    AthenaSettings s = AthenaSettings.defaults();

    assertThat(s.workGroup()).isEqualTo("primary");
    assertThat(s.catalog()).isEqualTo("AwsDataCatalog");
    assertThat(s.database()).isEqualTo("default");
    assertThat(s.outputLocation()).isEmpty();
    assertThat(s.resultReuseMaxAge()).isEmpty();
  }

  @Test
  void builderSetsAndCopiesEveryField() {
    AthenaSettings s =
        AthenaSettings.builder()
            .workGroup("wg-1.a_b")
            .catalog("my catalog")
            .database("sales")
            .outputLocation("s3://bucket-1/prefix/")
            .resultReuseMaxAge(Duration.ofDays(7))
            .build();

    assertThat(s.outputLocation()).contains("s3://bucket-1/prefix/");
    assertThat(s.resultReuseMaxAge()).contains(Duration.ofMinutes(10080));
    assertThat(s.toBuilder().build()).isEqualTo(s).hasSameHashCodeAs(s);
    assertThat(s.toBuilder().outputLocation(null).build().outputLocation()).isEmpty();
    assertThat(s).isNotEqualTo(AthenaSettings.defaults());
  }

  @Test
  void nullsAreRejectedByName() {
    AthenaSettings.Builder b = AthenaSettings.builder();

    assertThatThrownBy(() -> b.workGroup(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("workGroup");
    assertThatThrownBy(() -> b.catalog(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("catalog");
    assertThatThrownBy(() -> b.database(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("database");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "with space", "slash/"})
  void badWorkGroupsAreRejected(String workGroup) {
    assertThatThrownBy(() -> AthenaSettings.builder().workGroup(workGroup))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("workGroup");
  }

  @Test
  void workGroupNamesAreAtMost128Characters() {
    assertThat(AthenaSettings.builder().workGroup("w".repeat(128)).build().workGroup())
        .hasSize(128);
    assertThatThrownBy(() -> AthenaSettings.builder().workGroup("w".repeat(129)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "a\nb"})
  void badDatabasesAreRejected(String database) {
    assertThatThrownBy(() -> AthenaSettings.builder().database(database))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("database");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"bucket/prefix", "s3:/bucket", "https://bucket/x", "s3://B/x", "s3://ab", "s3://"})
  void outputLocationMustBeAnS3Uri(String location) {
    assertThatThrownBy(() -> AthenaSettings.builder().outputLocation(location))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("outputLocation");
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 59, 90, 604_860, -60})
  void resultReuseMustBeWholeMinutesUpToSevenDays(long seconds) {
    assertThatThrownBy(
            () -> AthenaSettings.builder().resultReuseMaxAge(Duration.ofSeconds(seconds)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("resultReuseMaxAge");
  }
}
