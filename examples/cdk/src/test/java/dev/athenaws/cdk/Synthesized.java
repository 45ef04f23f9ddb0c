package dev.athenaws.cdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/**
 * Synthesizes the stack once per mode per test JVM (synthesis starts a Node process and takes
 * seconds), against a placeholder Lambda jar in target/: the template does not depend on the jar's
 * contents, and the tests must not need lambda-adapter to be built.
 */
final class Synthesized {

  static final Path PLACEHOLDER_JAR =
      Path.of("target", "placeholder-lambda", "athena-ws-lambda-placeholder.jar");

  private static final Map<Mode, Template> TEMPLATES = new EnumMap<>(Mode.class);

  private Synthesized() {}

  static synchronized Template template(Mode mode) {
    return TEMPLATES.computeIfAbsent(mode, m -> synth(Map.of("mode", m.envValue())));
  }

  /** A fresh synthesis with extra context on top of the placeholder jar. */
  static Template synth(Map<String, Object> context) {
    Map<String, Object> all = new HashMap<>(context);
    all.put("lambdaJar", placeholderJar().toString());
    App app = App.Builder.create().context(all).analyticsReporting(false).build();
    StackSettings settings = StackSettings.fromContext(app.getNode()::tryGetContext);
    AthenaWsStack stack =
        new AthenaWsStack(app, AthenaWsApp.STACK_ID, StackProps.builder().build(), settings);
    return Template.fromStack(stack);
  }

  static synchronized Path placeholderJar() {
    if (Files.isRegularFile(PLACEHOLDER_JAR)) {
      return PLACEHOLDER_JAR;
    }
    try {
      Files.createDirectories(PLACEHOLDER_JAR.getParent());
      Manifest manifest = new Manifest();
      manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
      try (OutputStream file = Files.newOutputStream(PLACEHOLDER_JAR);
          JarOutputStream jar = new JarOutputStream(file, manifest)) {
        jar.putNextEntry(new JarEntry("PLACEHOLDER.txt"));
        jar.write(
            "Stand-in for athena-ws-lambda in CDK synthesis tests.\n"
                .getBytes(StandardCharsets.UTF_8));
        jar.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return PLACEHOLDER_JAR;
  }

  /** The resources of a type, as plain maps: logical id -> resource. */
  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> resources(Template template, String type) {
    return template.findResources(type);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> properties(Map<String, Object> resource) {
    return (Map<String, Object>) resource.get("Properties");
  }

  /** A value that may be one item or a list, as a list. */
  @SuppressWarnings("unchecked")
  static List<Object> asList(Object value) {
    return value instanceof List<?> l ? (List<Object>) l : List.of(value);
  }

  /** The logical id of the one resource of a type whose id starts with a prefix. */
  static String logicalId(Template template, String type, String prefix) {
    List<String> ids =
        resources(template, type).keySet().stream().filter(id -> id.startsWith(prefix)).toList();
    if (ids.size() != 1) {
      throw new AssertionError("expected one " + type + " named " + prefix + "*, found " + ids);
    }
    return ids.get(0);
  }

  /**
   * The state machine's definition as JSON. CloudFormation references inside it (an {@code
   * Fn::Join} of text and intrinsics) become {@code REF(<logical id>)} or {@code ${AWS::Partition}}
   * style text.
   */
  static JsonNode stateMachineDefinition(Template template) {
    Map<String, Map<String, Object>> machines =
        resources(template, "AWS::StepFunctions::StateMachine");
    if (machines.size() != 1) {
      throw new AssertionError("expected one state machine, found " + machines.keySet());
    }
    Map<String, Object> machine = properties(machines.values().iterator().next());
    Object definition = machine.get("DefinitionString");
    StringBuilder text = new StringBuilder();
    if (definition instanceof String s) {
      text.append(s);
    } else {
      @SuppressWarnings("unchecked")
      List<Object> join = (List<Object>) ((Map<String, Object>) definition).get("Fn::Join");
      for (Object part : asList(join.get(1))) {
        text.append(flatten(part));
      }
    }
    // DefinitionSubstitutions, applied as Step Functions does when it creates the state machine.
    String substituted = text.toString();
    if (machine.get("DefinitionSubstitutions") instanceof Map<?, ?> substitutions) {
      for (Map.Entry<?, ?> e : substitutions.entrySet()) {
        substituted = substituted.replace("${" + e.getKey() + "}", flatten(e.getValue()));
      }
    }
    try {
      return new ObjectMapper().readTree(substituted);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A CloudFormation value as text: strings as is, {@code Ref}s as {@code REF(id)}. */
  @SuppressWarnings("unchecked")
  static String flatten(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Map<?, ?> m && m.containsKey("Ref")) {
      String ref = m.get("Ref").toString();
      return ref.startsWith("AWS::") ? "${" + ref + "}" : "REF(" + ref + ")";
    }
    if (value instanceof Map<?, ?> m && m.containsKey("Fn::GetAtt")) {
      List<Object> att = (List<Object>) m.get("Fn::GetAtt");
      return "ATT(" + att.get(0) + "." + att.get(1) + ")";
    }
    if (value instanceof Map<?, ?> m && m.containsKey("Fn::Join")) {
      List<Object> join = (List<Object>) m.get("Fn::Join");
      StringBuilder b = new StringBuilder();
      for (Object part : asList(join.get(1))) {
        b.append(flatten(part));
      }
      return b.toString();
    }
    return "TOKEN";
  }
}
