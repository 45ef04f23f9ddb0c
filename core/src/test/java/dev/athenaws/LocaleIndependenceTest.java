package dev.athenaws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.athenaws.catalog.QueryCatalog;
import dev.athenaws.error.ErrorCode;
import dev.athenaws.internal.protocol.ChunkPolicy;
import dev.athenaws.internal.protocol.MessageEncoder;
import dev.athenaws.internal.protocol.RowChunker;
import dev.athenaws.internal.protocol.ServerMessage;
import dev.athenaws.internal.results.Column;
import dev.athenaws.internal.results.Row;
import dev.athenaws.internal.types.AthenaType;
import dev.athenaws.internal.types.ValueConverters;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parameter literals, type parsing and message encoding do not depend on the JVM's default locale:
 * {@code ar-EG} formats numbers with Arabic-Indic digits, {@code tr-TR} upper-cases {@code i} to a
 * dotted {@code İ}, {@code de-DE} writes decimal commas. Each is compared with {@link Locale#ROOT}.
 */
class LocaleIndependenceTest {
  private static final String CATALOG =
      "{\"queries\":[{\"name\":\"q\","
          + "\"sql\":\"SELECT * FROM t WHERE ts > ? AND d = ? AND n = ? AND x = ? AND s = ? AND b = ?\","
          + "\"parameters\":[{\"name\":\"ts\",\"type\":\"timestamp\",\"required\":true},"
          + "{\"name\":\"d\",\"type\":\"date\",\"required\":true},"
          + "{\"name\":\"n\",\"type\":\"integer\",\"required\":true},"
          + "{\"name\":\"x\",\"type\":\"decimal\",\"required\":true},"
          + "{\"name\":\"s\",\"type\":\"string\",\"required\":true},"
          + "{\"name\":\"b\",\"type\":\"boolean\",\"required\":true}],"
          + "\"columnTypes\":{\"Items\":\"ARRAY(ROW(ID INTEGER, TITLE VARCHAR))\"}}]}";
  private static final List<String> TYPES =
      List.of(
          "INTEGER",
          "TIMESTAMP(3) WITH TIME ZONE",
          "INTERVAL DAY TO SECOND",
          "ARRAY(ROW(ID INTEGER, TITLE VARCHAR))",
          "Decimal(10,2)",
          "TIME");
  private static final String[][] VALUES = {
    {"integer", "-1234567"},
    {"double", "1.234E10"},
    {"decimal(10,2)", "12345.60"},
    {"timestamp(3) with time zone", "2021-11-07 01:30:00.123 America/New_York"},
    {"interval day to second", "-1 02:03:04.500"},
    {"interval year to month", "-1-2"},
    {"time with time zone", "01:02:03.456 -08:00"},
    {"date", "2017-01-02"},
    {"array(row(id integer, title varchar))", "[{id=1, title=i}]"},
  };

  private Locale saved;

  @BeforeEach
  void save() {
    saved = Locale.getDefault();
  }

  @AfterEach
  void restore() {
    Locale.setDefault(saved);
  }

  /** Everything this test checks, computed under the current default locale. */
  private static List<String> outputs() {
    List<String> out = new ArrayList<>();
    QueryCatalog catalog = QueryCatalog.fromJsonString(CATALOG);
    out.addAll(
        catalog
            .bind(
                "q",
                Map.of(
                    "ts",
                    "2024-05-01 13:04:05.123456",
                    "d",
                    "2024-05-01",
                    "n",
                    new BigDecimal("1234567"),
                    "x",
                    new BigDecimal("-1234.50"),
                    "s",
                    "istanbul",
                    "b",
                    true))
            .executionParameters());
    out.add(catalog.find("q").orElseThrow().columnTypeHints().toString());
    for (String t : TYPES) {
      out.add(AthenaType.parse(t).signature());
    }
    List<Column> columns = new ArrayList<>();
    Object[] row = new Object[VALUES.length];
    for (int i = 0; i < VALUES.length; i++) {
      AthenaType type = AthenaType.parse(VALUES[i][0]);
      columns.add(new Column("c" + i, "c" + i, type));
      row[i] = ValueConverters.forType(type).convert(VALUES[i][1]);
    }
    RowChunker chunker = new RowChunker(ChunkPolicy.defaults(), "r1", "q1", columns);
    chunker.add(Row.wrap(row));
    for (byte[] message : chunker.finish()) {
      out.add(new String(message, StandardCharsets.UTF_8));
    }
    out.add(
        new String(
            new MessageEncoder()
                .encode(
                    ServerMessage.Error.of(
                        "r1", null, ErrorCode.TIMEOUT, "The query did not finish within 5 s.")),
            StandardCharsets.UTF_8));
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"ar-EG", "tr-TR", "de-DE", "th-TH-u-nu-thai", "hi-IN-u-nu-deva"})
  void sameOutputAsUnderTheRootLocale(String tag) {
    Locale.setDefault(Locale.ROOT);
    List<String> expected = outputs();
    assertThat(expected.get(0)).isEqualTo("TIMESTAMP '2024-05-01 13:04:05.123456'");

    Locale.setDefault(Locale.forLanguageTag(tag));
    List<String> actual = outputs();

    assertThat(actual).isEqualTo(expected);
    assertThat(String.join("", actual)).matches("\\p{ASCII}*");
  }
}
