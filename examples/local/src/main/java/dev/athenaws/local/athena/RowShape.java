package dev.athenaws.local.athena;

import dev.athenaws.internal.types.AthenaType;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * How a DuckDB result becomes Athena's columns and row texts. A SELECT keeps DuckDB's columns with
 * Athena types (labels as DuckDB gives them). Utility statements take Athena's (Hive) shapes: SHOW
 * TABLES one varchar column {@code tab_name}; DESCRIBE one {@code string} column {@code col_name}
 * of tab-separated {@code name type comment} lines padded to 20 characters with Hive type names;
 * EXPLAIN one varchar column {@code Query Plan}.
 *
 * <p>Thread-safety: an instance is confined to the query's thread.
 */
final class RowShape {
  private final List<ColumnMeta> columns;
  private final List<AthenaType> sourceTypes;
  private final String utility;

  private RowShape(List<ColumnMeta> columns, List<AthenaType> sourceTypes, String utility) {
    this.columns = List.copyOf(columns);
    this.sourceTypes = List.copyOf(sourceTypes);
    this.utility = utility;
  }

  static RowShape of(StatementKind kind, ResultSetMetaData md) throws SQLException {
    List<AthenaType> types = new ArrayList<>();
    List<ColumnMeta> columns = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      AthenaType t = DuckTypes.toAthena(md.getColumnTypeName(i));
      types.add(t);
      columns.add(ColumnMeta.of(md.getColumnLabel(i), t));
    }
    String sub = kind.substatementType();
    if (sub.equals("SHOW_TABLES")) {
      return new RowShape(List.of(ColumnMeta.varchar("tab_name")), types, sub);
    }
    if (sub.equals("DESCRIBE_TABLE")) {
      ColumnMeta col =
          new ColumnMeta(
              "col_name",
              AthenaType.Simple.of(dev.athenaws.internal.types.TypeKind.VARCHAR),
              "string");
      return new RowShape(List.of(col), types, sub);
    }
    if (sub.equals("EXPLAIN")) {
      return new RowShape(List.of(ColumnMeta.varchar("Query Plan")), types, sub);
    }
    return new RowShape(columns, types, "");
  }

  List<ColumnMeta> columns() {
    return columns;
  }

  /**
   * @return the current row of {@code rs} as Athena texts (null for NULL)
   */
  String[] row(ResultSet rs) throws SQLException {
    switch (utility) {
      case "SHOW_TABLES":
        return new String[] {rs.getString(1)};
      case "DESCRIBE_TABLE":
        String hive = HiveTypes.name(DuckTypes.toAthena(rs.getString(2)));
        return new String[] {pad(rs.getString(1)) + "\t" + pad(hive) + "\t" + pad("")};
      case "EXPLAIN":
        return new String[] {rs.getString(sourceTypes.size())};
      default:
        String[] out = new String[sourceTypes.size()];
        for (int i = 0; i < out.length; i++) {
          out[i] = DuckValues.format(sourceTypes.get(i), rs.getObject(i + 1));
        }
        return out;
    }
  }

  private static String pad(String s) {
    StringBuilder sb = new StringBuilder(s);
    while (sb.length() < 20) {
      sb.append(' ');
    }
    return sb.toString();
  }
}
