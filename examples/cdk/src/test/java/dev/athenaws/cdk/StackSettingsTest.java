package dev.athenaws.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StackSettingsTest {

  @Test
  void defaults() {
    StackSettings s = StackSettings.fromContext(key -> null);
    assertThat(s.mode()).isEqualTo(Mode.STEPFUNCTIONS);
    assertThat(s.stageName()).isEqualTo("dev");
    assertThat(s.workGroup()).isEqualTo("athena-ws-dev");
    assertThat(s.database()).isEqualTo("default");
    assertThat(s.dataBucket()).isEmpty();
    assertThat(s.bytesScannedCutoff()).isEqualTo(10L * 1024 * 1024 * 1024);
    assertThat(s.resultExpiryDays()).isEqualTo(7);
    assertThat(s.queryTimeoutMinutes()).isEqualTo(30);
    assertThat(s.queryCatalog()).isEmpty();
    assertThat(s.allowedOrigins()).isEmpty();
    assertThat(s.lambdaJar()).isEqualTo(StackSettings.defaultLambdaJar());
  }

  @Test
  void defaultJarIsTheShadedAdapterOfThisVersion() {
    // The version comes from the filtered build.properties, never a "${...}" placeholder.
    assertThat(StackSettings.defaultLambdaJar())
        .matches(
            "\\.\\./\\.\\./lambda-adapter/target/athena-ws-lambda-\\d+\\.\\d+\\.\\d+[^$/]*\\.jar");
  }

  @Test
  void readsEveryKeyFromCliStringsAndJsonNumbers() {
    Map<String, Object> context =
        Map.ofEntries(
            Map.entry("mode", "Inline"),
            Map.entry("lambdaJar", "/tmp/x.jar"),
            Map.entry("stage", "prod"),
            Map.entry("database", "logs"),
            Map.entry("dataBucket", "my-trail-bucket"),
            // cdk.json numbers arrive as Double through jsii; -c values as strings.
            Map.entry("bytesScannedCutoff", 2.0e9),
            Map.entry("resultExpiryDays", "3"),
            Map.entry("queryTimeoutMinutes", 45),
            Map.entry("queryCatalog", "classpath:catalog.json"),
            Map.entry("allowedOrigins", "https://example.com"));
    StackSettings s = StackSettings.fromContext(context::get);
    assertThat(s)
        .isEqualTo(
            new StackSettings(
                Mode.INLINE,
                "/tmp/x.jar",
                "prod",
                "athena-ws-prod",
                "logs",
                Optional.of("my-trail-bucket"),
                2_000_000_000L,
                3,
                45,
                Optional.of("classpath:catalog.json"),
                Optional.of("https://example.com"),
                Optional.empty(),
                Optional.empty()));
  }

  @Test
  void aPreviousResumeTokenSecretIsACompleteSecretArn() {
    String arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:athena-ws-old-AbC123";
    assertThat(
            StackSettings.fromContext(
                    Map.<String, Object>of("resumeTokenPreviousSecretArn", arn)::get)
                .previousTokenSecretArn())
        .contains(arn);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                StackSettings.fromContext(
                    Map.<String, Object>of("resumeTokenPreviousSecretArn", "athena-ws-old")::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resumeTokenPreviousSecretArn");
  }

  @Test
  void authKeysBecomeTheAuthorizersSettings() {
    StackSettings s =
        StackSettings.fromContext(
            Map.<String, Object>of(
                    "authIssuer", " https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc ",
                    "authAudience", "3n4b5urk1ft4fl3mg5e62d9ado",
                    "authClaims", "account,tenant",
                    "authGroupsClaim", "groups")
                ::get);
    assertThat(s.auth())
        .contains(
            new AuthSettings(
                "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc",
                "3n4b5urk1ft4fl3mg5e62d9ado",
                Optional.empty(),
                Optional.of("account,tenant"),
                Optional.of("groups")));
    assertThat(s.auth().orElseThrow().environment())
        .containsExactly(
            Map.entry("JWT_ISSUER", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc"),
            Map.entry("JWT_AUDIENCE", "3n4b5urk1ft4fl3mg5e62d9ado"),
            Map.entry("JWT_CONTEXT_CLAIMS", "account,tenant"),
            Map.entry("JWT_GROUPS_CLAIM", "groups"));
    assertThat(StackSettings.fromContext(Map.<String, Object>of()::get).auth()).isEmpty();
  }

  @Test
  void authKeysAreRejectedWhenIncompleteOrMalformed() {
    String issuer = "https://issuer.example.com";
    assertRejected(Map.of("authIssuer", issuer), "authAudience");
    assertRejected(Map.of("authAudience", "app"), "authIssuer");
    assertRejected(Map.of("authJwksUrl", issuer + "/keys"), "authJwksUrl");
    assertRejected(
        Map.of("authIssuer", "http://issuer.example.com", "authAudience", "a"), "authIssuer");
    assertRejected(
        Map.of("authIssuer", issuer, "authAudience", "a", "authJwksUrl", "ftp://x"), "authJwksUrl");
    assertRejected(
        Map.of("authIssuer", issuer, "authAudience", "a", "authClaims", "account,,tenant"),
        "authClaims");
  }

  @Test
  void rejectsMalformedValuesNamingTheKey() {
    assertRejected(Map.of("mode", "batch"), "mode");
    assertRejected(Map.of("stage", "dev/1"), "stage");
    assertRejected(Map.of("workGroup", "has space"), "workGroup");
    assertRejected(Map.of("database", "Drop;"), "database");
    assertRejected(Map.of("dataBucket", "Upper_Case"), "dataBucket");
    assertRejected(Map.of("bytesScannedCutoff", "9999999"), "bytesScannedCutoff");
    assertRejected(Map.of("bytesScannedCutoff", "ten"), "bytesScannedCutoff");
    assertRejected(Map.of("resultExpiryDays", "0"), "resultExpiryDays");
    assertRejected(Map.of("resultExpiryDays", 1.5), "resultExpiryDays");
    assertRejected(Map.of("queryTimeoutMinutes", "1441"), "queryTimeoutMinutes");
  }

  @Test
  void modeValuesAreTheAdaptersEnvironmentValues() {
    assertThat(Mode.INLINE.envValue()).isEqualTo("inline");
    assertThat(Mode.STEPFUNCTIONS.envValue()).isEqualTo("stepfunctions");
    assertThat(Mode.parse(" StepFunctions ")).isEqualTo(Mode.STEPFUNCTIONS);
  }

  private static void assertRejected(Map<String, Object> context, String key) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> StackSettings.fromContext(context::get))
        .withMessageStartingWith(key + ":");
  }

  @Test
  void stackNameDefaultsToTheStackIdAndIsValidated() {
    assertThat(AthenaWsApp.stackName(null)).isEqualTo("AthenaWs");
    assertThat(AthenaWsApp.stackName("AthenaWsTest")).isEqualTo("AthenaWsTest");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AthenaWsApp.stackName("1st_stack"))
        .withMessageStartingWith("stackName:");
  }
}
