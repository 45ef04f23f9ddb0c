/**
 * The orchestrated mode: a client's query run by a Step Functions Standard state machine ({@link
 * dev.athenaws.lambda.sfn.StepFunctionsStarter}). Only ids and the query description travel in the
 * execution input; rows never do (Step Functions caps state payloads at 256 KiB). Part of the
 * Lambda adapter: athena-ws-core has no Step Functions dependency.
 */
package dev.athenaws.lambda.sfn;
