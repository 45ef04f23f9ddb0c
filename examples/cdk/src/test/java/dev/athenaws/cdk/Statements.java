package dev.athenaws.cdk;

import static dev.athenaws.cdk.Synthesized.asList;
import static dev.athenaws.cdk.Synthesized.flatten;
import static dev.athenaws.cdk.Synthesized.properties;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Template;

/** One IAM statement of a synthesized template, flattened for assertions. */
record Statements(
    String owner,
    String effect,
    List<String> actions,
    List<String> resources,
    Map<?, ?> condition) {

  /** Every statement of every identity policy, role trust policy and bucket policy. */
  static List<Statements> all(Template template) {
    List<Statements> all = new ArrayList<>();
    Synthesized.resources(template, "AWS::IAM::Policy")
        .forEach(
            (id, r) ->
                addDocument(all, ownerOf(properties(r)), properties(r).get("PolicyDocument")));
    Synthesized.resources(template, "AWS::IAM::Role")
        .forEach(
            (id, r) -> {
              Map<String, Object> p = properties(r);
              addDocument(all, id, p.get("AssumeRolePolicyDocument"));
              if (p.get("Policies") != null) {
                for (Object inline : asList(p.get("Policies"))) {
                  addDocument(all, id, ((Map<?, ?>) inline).get("PolicyDocument"));
                }
              }
            });
    Synthesized.resources(template, "AWS::S3::BucketPolicy")
        .forEach((id, r) -> addDocument(all, id, properties(r).get("PolicyDocument")));
    return all;
  }

  /** The statements attached to the role whose logical id starts with a prefix. */
  static List<Statements> ofRole(Template template, String rolePrefix) {
    return all(template).stream()
        .filter(s -> s.owner().startsWith(rolePrefix))
        .filter(s -> !s.actions().contains("sts:AssumeRole"))
        .toList();
  }

  private static String ownerOf(Map<String, Object> policy) {
    List<Object> roles = asList(policy.get("Roles"));
    if (roles.size() != 1) {
      throw new AssertionError("policy attached to " + roles.size() + " roles");
    }
    String ref = flatten(roles.get(0));
    return ref.substring("REF(".length(), ref.length() - 1);
  }

  private static void addDocument(List<Statements> all, String owner, Object document) {
    for (Object s : asList(((Map<?, ?>) document).get("Statement"))) {
      Map<?, ?> st = (Map<?, ?>) s;
      List<String> actions =
          st.get("Action") == null
              ? List.of()
              : asList(st.get("Action")).stream().map(Object::toString).toList();
      List<String> resources =
          st.get("Resource") == null
              ? List.of()
              : asList(st.get("Resource")).stream().map(Synthesized::flatten).toList();
      all.add(
          new Statements(
              owner,
              st.get("Effect").toString(),
              actions,
              resources,
              (Map<?, ?>) st.get("Condition")));
    }
  }
}
