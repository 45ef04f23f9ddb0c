package dev.athenaws.internal.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.athenaws.error.ValueFormatException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Texts not in a type's Athena format fail with a ValueFormatException naming type and value. */
class InvalidValuesTest {

  @ParameterizedTest(name = "{0}: ''{1}''")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "boolean | ``",
        "boolean | TRUE",
        "boolean | 1",
        "boolean | ` true`",
        "tinyint | 128",
        "tinyint | -129",
        "smallint | 32768",
        "integer | 2147483648",
        "integer | ``",
        "integer | 1.0",
        "integer | +1",
        "integer | ` 1`",
        "integer | ١٢",
        "integer | -",
        "bigint | 9223372036854775808",
        "bigint | -9223372036854775809",
        "bigint | 12345678901234567890",
        "bigint | 0x10",
        "real | ``",
        "real | 1.5f",
        "real | nan",
        "real | inf",
        "double | 1d",
        "double | 0x1p3",
        "double | .5",
        "double | 1.",
        "double | 1e",
        "double | ` 1.0`",
        "double | --1",
        "double | +Infinity",
        "decimal(10,2) | 0.125",
        "decimal(10,2) | 1E5",
        "decimal(10,2) | ``",
        "decimal(3,2) | 12.5",
        "decimal(10,2) | .5",
        "decimal(10,2) | 5.",
        "decimal | abc",
        "date | ``",
        "date | 2017-1-02",
        "date | 2017-02-30",
        "date | 2017-13-01",
        "date | 2017/01/02",
        "date | `2017-01-02 `",
        "time | 24:00:00",
        "time | 01:02",
        "time | 01:02:03.",
        "time | 01:02:03.1234567890",
        "time | 01:60:00",
        "time | 1:02:03",
        "timestamp | 2017-01-01T00:00:00.000",
        "timestamp | 2017-01-01",
        "timestamp | 2017-01-01 00:00",
        "timestamp with time zone | 2017-01-01 00:00:00.000",
        "timestamp with time zone | 2017-01-01 00:00:00.000 Mars/Base",
        "timestamp with time zone | 2017-01-01 00:00:00.000 +8",
        "timestamp with time zone | 2017-01-01 00:00:00.000 +19:00",
        "time with time zone | 01:02:03.456",
        "time with time zone | `01:02:03.456 `",
        "time with time zone | 01:02:03.456x",
        "interval year to month | 1-12",
        "interval year to month | 1",
        "interval year to month | ``",
        "interval year to month | 1--2",
        "interval day to second | 2",
        "interval day to second | 2 24:00:00.000",
        "interval day to second | x 00:00:00.000",
        "varbinary | 0",
        "varbinary | 000",
        "varbinary | 00  01",
        "varbinary | zz",
        "varbinary | `00 01 `",
        "varbinary | 0G",
        "json | ``",
        "json | {",
        "json | {\"a\":1} x",
        "json | abc",
        "array(integer) | ``",
        "array(integer) | [1, 2",
        "array(integer) | 1, 2",
        "array(integer) | [1,2]",
        "array(array(integer)) | [[1], [2]]]",
        "map(varchar, integer) | {a}",
        "map(varchar, integer) | [a=1]",
        "map(integer, integer) | {null=1}",
        "row(a integer) | {}",
        "row(a integer, b integer) | {a=1}",
        "row(a integer) | {1}"
      })
  void rejects(String signature, String text) {
    ValueConverter converter = ValueConverters.forType(AthenaType.parse(signature));
    assertThatThrownBy(() -> converter.convert(text))
        .isInstanceOfSatisfying(
            ValueFormatException.class,
            e -> {
              assertThat(e.column()).isNull();
              assertThat(e.type()).isEqualTo(AthenaType.parse(signature).signature());
              assertThat(e.value())
                  .isEqualTo(text); // every input here is shorter than the truncation limit
              assertThat(e.getMessage()).contains(e.type()).contains("'" + e.value() + "'");
            });
  }
}
