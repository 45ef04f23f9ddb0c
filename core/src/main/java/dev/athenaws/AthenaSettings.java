package dev.athenaws;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where and how queries run in Athena: the work group, the catalog and database that unqualified
 * table names resolve against, the result location, result reuse, and where finished results are
 * read from ({@link ResultFetch}). Built with {@link #builder()}; {@link #defaults()} runs in the
 * {@code primary} work group against {@code AwsDataCatalog.default}.
 *
 * <p>Every builder setter validates its argument at once: {@link NullPointerException} for null,
 * {@link IllegalArgumentException} for a value Athena would reject, each naming the parameter.
 *
 * <p>Thread-safety: instances are immutable; a {@link Builder} is not thread-safe.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/athena/latest/APIReference/API_StartQueryExecution.html">
 *     StartQueryExecution</a>
 */
public final class AthenaSettings {
  /** The work group every account has. */
  public static final String DEFAULT_WORK_GROUP = "primary";

  /** The Glue Data Catalog as Athena names it. */
  public static final String DEFAULT_CATALOG = "AwsDataCatalog";

  /** The database Athena creates in every catalog. */
  public static final String DEFAULT_DATABASE = "default";

  /** Athena's upper bound for {@code ResultReuseByAgeConfiguration.MaxAgeInMinutes}: 7 days. */
  public static final Duration MAX_RESULT_REUSE_AGE = Duration.ofMinutes(10080);

  // API model: WorkGroupName pattern [a-zA-Z0-9._-]{1,128}.
  private static final Pattern WORK_GROUP = Pattern.compile("[a-zA-Z0-9._-]{1,128}");
  // S3 bucket naming rules: 3..63 of lower-case letters, digits, dots and hyphens.
  private static final Pattern S3_URI =
      Pattern.compile("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?");
  private static final AthenaSettings DEFAULTS = builder().build();

  private final String workGroup;
  private final String catalog;
  private final String database;
  private final String outputLocation;
  private final Duration resultReuseMaxAge;
  private final ResultFetch resultFetch;
  private final boolean runtimeStatistics;

  private AthenaSettings(Builder b) {
    this.workGroup = b.workGroup;
    this.catalog = b.catalog;
    this.database = b.database;
    this.outputLocation = b.outputLocation;
    this.resultReuseMaxAge = b.resultReuseMaxAge;
    this.runtimeStatistics = b.runtimeStatistics;
    this.resultFetch = b.resultFetch;
  }

  /**
   * Where a finished query's rows are read from: the result object Athena wrote to S3 (the fast
   * path: no {@code GetQueryResults} paging), or {@code GetQueryResults} pages. The {@code
   * complete} message says which served ({@code statistics.resultPath}).
   *
   * <p>Thread-safety: immutable.
   */
  public enum ResultFetch {
    /**
     * The result object in S3 where it can serve (a SELECT with an {@code s3://} output location,
     * not client-side encrypted, readable), else {@code GetQueryResults}; decided per query. The
     * default.
     */
    AUTO,
    /** The result object in S3 only: a query S3 cannot serve fails with an {@code error}. */
    S3,
    /** {@code GetQueryResults} only (what athena-ws did before the S3 reader). */
    API
  }

  /**
   * @return the default settings: work group primary, catalog AwsDataCatalog, database default
   */
  public static AthenaSettings defaults() {
    return DEFAULTS;
  }

  /**
   * @return a builder starting from the defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @return a builder holding these settings
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.workGroup = workGroup;
    b.catalog = catalog;
    b.database = database;
    b.outputLocation = outputLocation;
    b.resultReuseMaxAge = resultReuseMaxAge;
    b.resultFetch = resultFetch;
    b.runtimeStatistics = runtimeStatistics;
    return b;
  }

  /**
   * @return the work group queries run in
   */
  public String workGroup() {
    return workGroup;
  }

  /**
   * @return the catalog of {@code QueryExecutionContext}
   */
  public String catalog() {
    return catalog;
  }

  /**
   * @return the database of {@code QueryExecutionContext}
   */
  public String database() {
    return database;
  }

  /**
   * @return the S3 result location, or empty to use the work group's (a work group may enforce its
   *     own and then ignores this one)
   */
  public Optional<String> outputLocation() {
    return Optional.ofNullable(outputLocation);
  }

  /**
   * @return how old a previous result Athena may reuse, or empty for no reuse
   */
  public Optional<Duration> resultReuseMaxAge() {
    return Optional.ofNullable(resultReuseMaxAge);
  }

  /**
   * @return where finished results are read from; {@link ResultFetch#AUTO} unless set
   */
  public ResultFetch resultFetch() {
    return resultFetch;
  }

  /**
   * @return whether a run reads the result's row count with one {@code GetQueryRuntimeStatistics}
   *     call after SUCCEEDED, for {@code totalRows} in the {@code progress} before the rows
   *     (default true)
   */
  public boolean runtimeStatistics() {
    return runtimeStatistics;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AthenaSettings s
        && workGroup.equals(s.workGroup)
        && catalog.equals(s.catalog)
        && database.equals(s.database)
        && Objects.equals(outputLocation, s.outputLocation)
        && Objects.equals(resultReuseMaxAge, s.resultReuseMaxAge)
        && resultFetch == s.resultFetch
        && runtimeStatistics == s.runtimeStatistics;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        workGroup,
        catalog,
        database,
        outputLocation,
        resultReuseMaxAge,
        resultFetch,
        runtimeStatistics);
  }

  @Override
  public String toString() {
    return "AthenaSettings[workGroup="
        + workGroup
        + ", catalog="
        + catalog
        + ", database="
        + database
        + ", outputLocation="
        + outputLocation
        + ", resultReuseMaxAge="
        + resultReuseMaxAge
        + ", resultFetch="
        + resultFetch
        + ", runtimeStatistics="
        + runtimeStatistics
        + "]";
  }

  /** Builds {@link AthenaSettings}. Not thread-safe. */
  public static final class Builder {
    private String workGroup = DEFAULT_WORK_GROUP;
    private String catalog = DEFAULT_CATALOG;
    private String database = DEFAULT_DATABASE;
    private String outputLocation;
    private Duration resultReuseMaxAge;
    private ResultFetch resultFetch = ResultFetch.AUTO;
    private boolean runtimeStatistics = true;

    private Builder() {}

    /**
     * Whether a run calls {@code GetQueryRuntimeStatistics} once after SUCCEEDED to learn the
     * result's row count ({@code totalRows} in {@code progress}); off for a role without {@code
     * athena:GetQueryRuntimeStatistics} or to save the call. A failed call never fails a query.
     *
     * @return this builder, never calling it (the default is to call it)
     */
    public Builder withoutRuntimeStatistics() {
      this.runtimeStatistics = false;
      return this;
    }

    /**
     * @param workGroup 1..128 of {@code [a-zA-Z0-9._-]}
     * @return this builder
     */
    public Builder workGroup(String workGroup) {
      Objects.requireNonNull(workGroup, "workGroup");
      if (!WORK_GROUP.matcher(workGroup).matches()) {
        throw new IllegalArgumentException(
            "workGroup must be 1..128 of [a-zA-Z0-9._-]: " + workGroup);
      }
      this.workGroup = workGroup;
      return this;
    }

    /**
     * @param catalog 1..256 characters, not blank
     * @return this builder
     */
    public Builder catalog(String catalog) {
      this.catalog = name("catalog", catalog, 256);
      return this;
    }

    /**
     * @param database 1..255 characters, not blank
     * @return this builder
     */
    public Builder database(String database) {
      this.database = name("database", database, 255);
      return this;
    }

    /**
     * @param outputLocation an {@code s3://bucket/prefix/} URI, or null to use the work group's
     * @return this builder
     */
    public Builder outputLocation(String outputLocation) {
      if (outputLocation != null && !S3_URI.matcher(outputLocation).matches()) {
        throw new IllegalArgumentException(
            "outputLocation must be an s3://bucket/prefix URI: " + outputLocation);
      }
      this.outputLocation = outputLocation;
      return this;
    }

    /**
     * @param maxAge whole minutes from 1 minute to 7 days, or null to turn reuse off
     * @return this builder
     */
    public Builder resultReuseMaxAge(Duration maxAge) {
      if (maxAge != null
          && (maxAge.compareTo(Duration.ofMinutes(1)) < 0
              || maxAge.compareTo(MAX_RESULT_REUSE_AGE) > 0
              || maxAge.toSecondsPart() != 0
              || maxAge.toNanosPart() != 0)) {
        throw new IllegalArgumentException(
            "resultReuseMaxAge must be whole minutes from 1 to 10080: " + maxAge);
      }
      this.resultReuseMaxAge = maxAge;
      return this;
    }

    /**
     * Sets where finished results are read from.
     *
     * @param resultFetch {@link ResultFetch#AUTO} (the default), {@link ResultFetch#S3} or {@link
     *     ResultFetch#API}, not null
     * @return this builder
     */
    public Builder resultFetch(ResultFetch resultFetch) {
      this.resultFetch = Objects.requireNonNull(resultFetch, "resultFetch");
      return this;
    }

    /**
     * @return the settings
     */
    public AthenaSettings build() {
      return new AthenaSettings(this);
    }

    private static String name(String parameter, String value, int maxLength) {
      Objects.requireNonNull(value, parameter);
      if (value.isBlank() || value.length() > maxLength) {
        throw new IllegalArgumentException(
            parameter + " must be 1.." + maxLength + " characters and not blank");
      }
      for (int i = 0; i < value.length(); i++) {
        if (Character.isISOControl(value.charAt(i)) && value.charAt(i) != '\t') {
          throw new IllegalArgumentException(parameter + " must not contain control characters");
        }
      }
      return value;
    }
  }
}
