package dev.athenaws.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.util.List;

/**
 * The parsed states of a definition: only the types and fields the local interpreter runs exactly
 * ({@link Definition} refuses the rest at startup).
 *
 * <p>Thread-safety: immutable values, thread-safe.
 */
sealed interface AslState {
  /** The state's name. */
  String name();

  /**
   * InputPath, OutputPath and ResultPath of a state. A null path means the JSON {@code null} of the
   * definition: InputPath/OutputPath {@code {}}, ResultPath "discard the result".
   *
   * @param inputPath null for {@code "InputPath": null}
   * @param outputPath null for {@code "OutputPath": null}
   * @param resultPath the reference path's steps; null for {@code "ResultPath": null}
   */
  record Io(JsonPath inputPath, JsonPath outputPath, List<String> resultPath) {}

  /** Where a task runs: the Athena .sync integration or a Lambda function by ARN. */
  sealed interface Resource permits AthenaSync, LambdaFunction {}

  /** {@code arn:<partition>:states:::athena:startQueryExecution.sync}. */
  record AthenaSync() implements Resource {}

  /** A Lambda function ARN as the Resource: the input is the payload, the output the result. */
  record LambdaFunction(String arn) implements Resource {}

  /** One Retrier. */
  record Retrier(List<String> errors, Duration interval, int maxAttempts, double backoffRate) {}

  /** One Catcher. */
  record Catcher(List<String> errors, List<String> resultPath, String next) {}

  /** A Task state. */
  record Task(
      String name,
      Resource resource,
      Io io,
      Template parameters,
      Template resultSelector,
      Duration timeout,
      List<Retrier> retry,
      List<Catcher> catchers,
      String next)
      implements AslState {}

  /** A Pass state. */
  record Pass(String name, Io io, Template parameters, JsonNode result, String next)
      implements AslState {}

  /** One Choice rule: {@code Variable} with {@code IsPresent} or {@code BooleanEquals}. */
  record Rule(JsonPath variable, String operator, boolean operand, String next) {}

  /** A Choice state. */
  record Choice(String name, Io io, List<Rule> rules, String defaultNext) implements AslState {}

  /** A Succeed state. */
  record Succeed(String name, Io io) implements AslState {}

  /** A Fail state: static Error/Cause or ErrorPath/CausePath. */
  record Fail(String name, String error, String cause, JsonPath errorPath, JsonPath causePath)
      implements AslState {}
}
