/**
 * The AWS CDK app that deploys athena-ws: {@link dev.athenaws.cdk.AthenaWsApp} reads {@link
 * dev.athenaws.cdk.StackSettings} from CDK context and builds one {@link
 * dev.athenaws.cdk.AthenaWsStack}. The constructs inside it are package-private.
 */
package dev.athenaws.cdk;
