package dev.athenaws.local.data;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deterministic synthetic CloudTrail events as the table {@code
 * "default".cloudtrail_logs_partition_projection}, with the columns of Athena's CloudTrail table
 * (docs.aws.amazon.com/athena/latest/ug/cloudtrail-logs.html: userIdentity and resources nested)
 * plus the partition columns {@code region} and {@code date} ({@code yyyy/MM/dd}), so the original
 * design's query runs verbatim. Events fall in July-September 2021 across 12 regions and 37 API
 * calls; about 5% carry an errorCode.
 *
 * <p>Loading streams the generated events through DuckDB's appender into a flat staging table, then
 * one {@code INSERT ... SELECT} builds the nested columns: about 3 s for 100,000 events on a 2-core
 * machine in a fresh JVM (measured by CloudTrailDataTest), most of it generating and appending.
 *
 * <p>Thread-safety: stateless; {@link #load} uses only the given connection.
 */
public final class CloudTrailData {
  /** The table name the original design queries. */
  public static final String TABLE = "cloudtrail_logs_partition_projection";

  /** The schema (Athena database) holding {@link #TABLE}. */
  public static final String SCHEMA = "default";

  /** The default number of events of the local stack. */
  public static final int DEFAULT_EVENTS = 100_000;

  /** The default generator seed. */
  public static final long DEFAULT_SEED = 20210801L;

  private static final Logger LOG = LoggerFactory.getLogger(CloudTrailData.class);

  private static final String DDL =
      "CREATE OR REPLACE TABLE %s."
          + TABLE
          + " ("
          + "eventversion VARCHAR, "
          + "useridentity STRUCT(type VARCHAR, principalid VARCHAR, arn VARCHAR, accountid VARCHAR, "
          + "invokedby VARCHAR, accesskeyid VARCHAR, username VARCHAR, sessioncontext STRUCT("
          + "attributes STRUCT(mfaauthenticated VARCHAR, creationdate VARCHAR), sessionissuer STRUCT("
          + "type VARCHAR, principalid VARCHAR, arn VARCHAR, accountid VARCHAR, username VARCHAR))), "
          + "eventtime VARCHAR, eventsource VARCHAR, eventname VARCHAR, awsregion VARCHAR, "
          + "sourceipaddress VARCHAR, useragent VARCHAR, errorcode VARCHAR, errormessage VARCHAR, "
          + "requestparameters VARCHAR, responseelements VARCHAR, additionaleventdata VARCHAR, "
          + "requestid VARCHAR, eventid VARCHAR, "
          + "resources STRUCT(arn VARCHAR, accountid VARCHAR, type VARCHAR)[], "
          + "eventtype VARCHAR, apiversion VARCHAR, readonly VARCHAR, recipientaccountid VARCHAR, "
          + "serviceeventdetails VARCHAR, sharedeventid VARCHAR, vpcendpointid VARCHAR, "
          + "region VARCHAR, \"date\" VARCHAR)";

  private static final String ASSEMBLE =
      "INSERT INTO %s."
          + TABLE
          + " SELECT "
          + "eventversion, "
          + "{'type': ui_type, 'principalid': ui_principalid, 'arn': ui_arn, 'accountid': ui_accountid, "
          + "'invokedby': ui_invokedby, 'accesskeyid': ui_accesskeyid, 'username': ui_username, "
          + "'sessioncontext': CASE WHEN si_type IS NULL THEN NULL ELSE {"
          + "'attributes': {'mfaauthenticated': sc_mfa, 'creationdate': sc_creationdate}, "
          + "'sessionissuer': {'type': si_type, 'principalid': si_principalid, 'arn': si_arn, "
          + "'accountid': si_accountid, 'username': si_username}} END}, "
          + "eventtime, eventsource, eventname, awsregion, sourceipaddress, useragent, errorcode, "
          + "errormessage, requestparameters, responseelements, additionaleventdata, requestid, eventid, "
          + "CASE WHEN r1_arn IS NULL THEN NULL "
          + "WHEN r2_arn IS NULL THEN [{'arn': r1_arn, 'accountid': recipientaccountid, 'type': r1_type}] "
          + "ELSE [{'arn': r1_arn, 'accountid': recipientaccountid, 'type': r1_type}, "
          + "{'arn': r2_arn, 'accountid': recipientaccountid, 'type': r2_type}] END, "
          + "eventtype, apiversion, readonly, recipientaccountid, serviceeventdetails, sharedeventid, "
          + "vpcendpointid, region, \"date\" FROM %s.cloudtrail_staging ORDER BY seq";

  private CloudTrailData() {}

  /**
   * (Re)creates and fills the table. The same {@code events} and {@code seed} always give the same
   * rows in the same order.
   *
   * @param connection a DuckDB connection (as {@code DriverManager} or the emulator give it)
   * @param events how many events, at least 0
   * @param seed the generator seed
   * @throws SQLException when DuckDB fails or {@code connection} is not a DuckDB connection
   * @throws IllegalArgumentException when {@code events} is negative
   */
  public static void load(Connection connection, int events, long seed) throws SQLException {
    load(connection, events, seed, SCHEMA);
  }

  /**
   * (Re)creates and fills the table in a given schema (Athena database), as {@link
   * #load(Connection, int, long)} does in {@link #SCHEMA}.
   *
   * @param connection a DuckDB connection
   * @param events how many events, at least 0
   * @param seed the generator seed
   * @param schema the schema to create the table in; created when missing
   * @throws SQLException when DuckDB fails or {@code connection} is not a DuckDB connection
   * @throws IllegalArgumentException when {@code events} is negative
   */
  public static void load(Connection connection, int events, long seed, String schema)
      throws SQLException {
    String q = "\"" + schema.replace("\"", "\"\"") + "\"";
    if (events < 0) {
      throw new IllegalArgumentException("events: must not be negative: " + events);
    }
    DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
    long startNanos = System.nanoTime();
    try (Statement s = duck.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + q);
      s.execute(String.format(DDL, q));
      s.execute(stagingDdl(q));
    }
    EventGenerator generator = new EventGenerator(seed);
    try (DuckDBAppender appender = duck.createAppender(schema, "cloudtrail_staging")) {
      for (long i = 0; i < events; i++) {
        appender.beginRow().append(i);
        for (String v : generator.next()) {
          if (v == null) {
            appender.appendNull();
          } else {
            appender.append(v);
          }
        }
        appender.endRow();
      }
    }
    try (Statement s = duck.createStatement()) {
      s.execute(String.format(ASSEMBLE, q, q));
      s.execute("DROP TABLE " + q + ".cloudtrail_staging");
    }
    LOG.info(
        "loaded {} CloudTrail events (seed {}) in {} ms",
        events,
        seed,
        (System.nanoTime() - startNanos) / 1_000_000);
  }

  private static String stagingDdl(String schema) {
    StringBuilder sb =
        new StringBuilder("CREATE OR REPLACE TABLE " + schema + ".cloudtrail_staging (seq BIGINT");
    for (String c : EventGenerator.COLUMNS) {
      sb.append(", \"").append(c).append("\" VARCHAR");
    }
    return sb.append(')').toString();
  }
}
