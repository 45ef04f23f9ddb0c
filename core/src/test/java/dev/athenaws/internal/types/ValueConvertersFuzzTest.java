package dev.athenaws.internal.types;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.athenaws.error.ValueFormatException;
import java.util.List;

/**
 * Any text given to any converter either converts to a non-null value or fails with a {@link
 * ValueFormatException} naming the converter's type; no other exception escapes. In CI only the
 * seeds under {@code src/test/resources/dev/athenaws/types/ValueConvertersFuzzTestInputs/} are
 * replayed; see docs/types.md "Fuzzing for real".
 */
class ValueConvertersFuzzTest {
  private static final List<AthenaType> TYPES =
      List.of(
          AthenaType.parse("boolean"),
          AthenaType.parse("tinyint"),
          AthenaType.parse("integer"),
          AthenaType.parse("bigint"),
          AthenaType.parse("real"),
          AthenaType.parse("double"),
          AthenaType.parse("decimal(10,2)"),
          AthenaType.parse("decimal"),
          AthenaType.parse("date"),
          AthenaType.parse("time"),
          AthenaType.parse("time with time zone"),
          AthenaType.parse("timestamp(6)"),
          AthenaType.parse("timestamp with time zone"),
          AthenaType.parse("interval year to month"),
          AthenaType.parse("interval day to second"),
          AthenaType.parse("varbinary"),
          AthenaType.parse("json"),
          AthenaType.parse("varchar"),
          AthenaType.parse("array(integer)"),
          AthenaType.parse("array(array(varchar))"),
          AthenaType.parse("map(varchar, array(bigint))"),
          AthenaType.parse("map(row(a integer), double)"),
          AthenaType.parse("array(row(a integer, b varchar, c map(date, timestamp)))"),
          AthenaType.parse("row(x row(y decimal(5,1)), z array(interval day to second))"));
  private static final List<ValueConverter> CONVERTERS =
      TYPES.stream().map(ValueConverters::forType).toList();

  @FuzzTest(maxDuration = "60s")
  void convertReturnsAValueOrThrowsValueFormatException(FuzzedDataProvider data) {
    int which = data.consumeInt(0, TYPES.size() - 1);
    String text = data.consumeRemainingAsString();
    try {
      assertThat(CONVERTERS.get(which).convert(text)).isNotNull();
    } catch (ValueFormatException e) {
      assertThat(e.type()).isEqualTo(TYPES.get(which).signature());
      assertThat(e.column()).isNull();
    }
  }
}
