package dev.athenaws.internal.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.athenaws.internal.types.AthenaType.ArrayType;
import dev.athenaws.internal.types.AthenaType.Field;
import dev.athenaws.internal.types.AthenaType.MapType;
import dev.athenaws.internal.types.AthenaType.RowType;
import dev.athenaws.internal.types.AthenaType.Simple;
import dev.athenaws.internal.types.AthenaType.Unknown;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TypeParserTest {

  @ParameterizedTest
  @CsvSource({
    "integer, INTEGER",
    "INT, INTEGER",
    "bigint, BIGINT",
    "float, REAL",
    "real, REAL",
    "double, DOUBLE",
    "'double precision', DOUBLE",
    "boolean, BOOLEAN",
    "varchar, VARCHAR",
    "string, VARCHAR",
    "date, DATE",
    "json, JSON",
    "varbinary, VARBINARY",
    "uuid, UUID",
    "ipaddress, IPADDRESS",
    "time, TIME",
    "'time with time zone', TIME_WITH_TIME_ZONE",
    "'timestamp with time zone', TIMESTAMP_WITH_TIME_ZONE",
    "'interval day to second', INTERVAL_DAY_TO_SECOND",
    "'INTERVAL  Year  To  Month', INTERVAL_YEAR_TO_MONTH",
    "array, ARRAY",
    "map, MAP",
    "row, ROW"
  })
  void parsesSimpleNamesCaseInsensitively(String signature, TypeKind kind) {
    assertThat(AthenaType.parse(signature)).isEqualTo(Simple.of(kind));
  }

  @Test
  void parsesParameters() {
    assertThat(AthenaType.parse("decimal(10,2)")).isEqualTo(Simple.decimal(10, 2));
    assertThat(AthenaType.parse(" DECIMAL ( 38 , 0 ) ")).isEqualTo(Simple.decimal(38, 0));
    assertThat(AthenaType.parse("decimal(10)")).isEqualTo(Simple.decimal(10, 0));
    assertThat(AthenaType.parse("varchar(20)")).isEqualTo(new Simple(TypeKind.VARCHAR, 20, 0));
    assertThat(AthenaType.parse("timestamp(6)")).isEqualTo(new Simple(TypeKind.TIMESTAMP, 6, 0));
    assertThat(AthenaType.parse("timestamp(3) with time zone"))
        .isEqualTo(new Simple(TypeKind.TIMESTAMP_WITH_TIME_ZONE, 3, 0));
    assertThat(AthenaType.parse("time(9)\twith\ntime zone"))
        .isEqualTo(new Simple(TypeKind.TIME_WITH_TIME_ZONE, 9, 0));
  }

  @Test
  void parsesNestedTypes() {
    assertThat(AthenaType.parse("array(row(a integer, b varchar))"))
        .isEqualTo(
            new ArrayType(
                new RowType(
                    List.of(
                        new Field("a", Simple.of(TypeKind.INTEGER)),
                        new Field("b", Simple.of(TypeKind.VARCHAR))))));
    assertThat(AthenaType.parse("map(varchar, array(bigint))"))
        .isEqualTo(
            new MapType(Simple.of(TypeKind.VARCHAR), new ArrayType(Simple.of(TypeKind.BIGINT))));
    assertThat(AthenaType.parse("ARRAY( MAP(VARCHAR,DECIMAL(5,1)) )"))
        .isEqualTo(new ArrayType(new MapType(Simple.of(TypeKind.VARCHAR), Simple.decimal(5, 1))));
  }

  @Test
  void parsesRowFieldNames() {
    RowType row =
        (RowType) AthenaType.parse("row(a integer, \"quoted name\" varchar, \"x\"\"y\" date)");
    assertThat(row.fields()).extracting(Field::name).containsExactly("a", "quoted name", "x\"y");
    assertThat(row.fields().get(2).type()).isEqualTo(Simple.of(TypeKind.DATE));
  }

  @Test
  void namesAnonymousRowFieldsLikeAthena() {
    // uber/athenadriver UndocumentedAthena.md: ROW(1, 2.0) prints {field0=1, field1=2.0}
    RowType row =
        (RowType) AthenaType.parse("row(integer, timestamp with time zone, double precision)");
    assertThat(row.fields()).extracting(Field::name).containsExactly("field0", "field1", "field2");
    assertThat(row.fields())
        .extracting(f -> f.type().kind())
        .containsExactly(TypeKind.INTEGER, TypeKind.TIMESTAMP_WITH_TIME_ZONE, TypeKind.DOUBLE);
  }

  @Test
  void rowFieldsMayBeNamedLikeTypes() {
    RowType row = (RowType) AthenaType.parse("row(date date, time time with time zone)");
    assertThat(row.fields())
        .containsExactly(
            new Field("date", Simple.of(TypeKind.DATE)),
            new Field("time", Simple.of(TypeKind.TIME_WITH_TIME_ZONE)));
  }

  @Test
  void unknownNamesGiveUnknown() {
    assertThat(AthenaType.parse("geometry")).isEqualTo(new Unknown("geometry"));
    assertThat(AthenaType.parse("QDigest(bigint)")).isEqualTo(new Unknown("qdigest(bigint)"));
    assertThat(AthenaType.parse("array(HyperLogLog)"))
        .isEqualTo(new ArrayType(new Unknown("hyperloglog")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "array(",
        "array(integer",
        "array()",
        "map(varchar)",
        "map(varchar,)",
        "decimal(10,",
        "decimal(a)",
        "decimal(2,5)",
        "row()",
        "row(a integer,)",
        "row(\"\" integer)",
        "row(\"open integer)",
        "interval day",
        "interval hour to minute",
        "timestamp with zone",
        "integer integer",
        "array(integer))",
        "(integer)",
        "decimal(99999999999)",
        "geometry(1",
        "varchar(20"
      })
  void rejectsMalformedSignaturesNamingThePosition(String signature) {
    assertThatThrownBy(() -> AthenaType.parse(signature))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at position ");
  }

  @Test
  void errorPositionPointsAtTheProblem() {
    assertThatThrownBy(() -> AthenaType.parse("map(varchar; bigint)"))
        .hasMessageStartingWith("malformed type signature at position 11:");
    assertThatThrownBy(() -> AthenaType.parse(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void signatureOfParsedNestedTypeParsesBackToTheSameType() {
    String sig = "map(varchar, array(row(a integer, b decimal(10,2))))";
    AthenaType type = AthenaType.parse(sig);
    assertThat(type.signature()).isEqualTo(sig);
    assertThat(AthenaType.parse(type.signature())).isEqualTo(type);
  }

  @Test
  void fromColumnInfoMapsAthenaNames() {
    // Precision/scale as PyAthena test_cursor.py test_complex shows them in cursor.description.
    assertThat(AthenaType.fromColumnInfo("decimal", 10, 1)).isEqualTo(Simple.decimal(10, 1));
    assertThat(AthenaType.fromColumnInfo("decimal", null, null))
        .isEqualTo(Simple.of(TypeKind.DECIMAL));
    assertThat(AthenaType.fromColumnInfo("decimal", 2, 5)).isEqualTo(Simple.of(TypeKind.DECIMAL));
    assertThat(AthenaType.fromColumnInfo("timestamp", 3, 0))
        .isEqualTo(new Simple(TypeKind.TIMESTAMP, 3, 0));
    assertThat(AthenaType.fromColumnInfo("float", 17, 0)).isEqualTo(Simple.of(TypeKind.REAL));
    assertThat(AthenaType.fromColumnInfo("varchar", 2147483647, 0))
        .isEqualTo(Simple.of(TypeKind.VARCHAR));
    assertThat(AthenaType.fromColumnInfo("array", 0, 0)).isEqualTo(Simple.of(TypeKind.ARRAY));
    assertThat(AthenaType.fromColumnInfo("map", 0, 0)).isEqualTo(Simple.of(TypeKind.MAP));
    assertThat(AthenaType.fromColumnInfo("row", 0, 0)).isEqualTo(Simple.of(TypeKind.ROW));
    assertThat(AthenaType.fromColumnInfo("time with time zone", 3, 0).kind())
        .isEqualTo(TypeKind.TIME_WITH_TIME_ZONE);
    assertThat(AthenaType.fromColumnInfo("geometry", 0, 0)).isEqualTo(new Unknown("geometry"));
    assertThat(AthenaType.fromColumnInfo(null, null, null)).isEqualTo(new Unknown("unknown"));
  }
}
