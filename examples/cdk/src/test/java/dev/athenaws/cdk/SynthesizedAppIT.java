package dev.athenaws.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * Synthesizes the app as {@code cdk synth} runs it: {@link AthenaWsApp}'s main in a fresh JVM from
 * examples/cdk with {@code CDK_OUTDIR} (and {@code CDK_CONTEXT_JSON}, how the CLI passes {@code -c}
 * values), then opens the code asset the functions deploy. An integration test: it needs the shaded
 * jar that lambda-adapter's package phase builds, which the reactor runs first (pom.xml).
 */
class SynthesizedAppIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theDefaultJarIsTheSelfContainedOneAndIsWhatTheFunctionsDeploy() throws Exception {
    Path out = Path.of("target", "synth-it", "default").toAbsolutePath();
    Synth synth = synth(out, "{}");
    assertThat(synth.exitCode).as(synth.stderr).isZero();

    JsonNode template =
        JSON.readTree(out.resolve(AthenaWsApp.STACK_ID + ".template.json").toFile());
    JsonNode assets = JSON.readTree(out.resolve(AthenaWsApp.STACK_ID + ".assets.json").toFile());
    Set<String> keys = new HashSet<>();
    int functions = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = template.path("Resources").fields();
        it.hasNext(); ) {
      JsonNode r = it.next().getValue();
      if (r.path("Type").asText().equals("AWS::Lambda::Function")
          && r.path("Properties").path("Handler").asText().startsWith("dev.athenaws.")) {
        functions++;
        keys.add(r.path("Properties").path("Code").path("S3Key").asText());
      }
    }
    assertThat(functions).isEqualTo(3);
    assertThat(keys).as("one code asset for the three handlers").hasSize(1);
    String hash = keys.iterator().next().replaceFirst("\\.[a-z]+$", "");
    JsonNode source = assets.path("files").path(hash).path("source");
    assertThat(source.path("packaging").asText()).isEqualTo("file");
    Path staged = out.resolve(source.path("path").asText());

    assertThat(entries(staged))
        .as("the staged asset " + staged)
        .contains(
            HandlerClasses.QUERY_ROUTE.replace('.', '/') + ".class",
            HandlerClasses.PUSH_RESULTS.replace('.', '/') + ".class",
            HandlerClasses.CONNECTION.replace('.', '/') + ".class",
            "software/amazon/awssdk/services/athena/AthenaClient.class",
            "software/amazon/awssdk/services/sfn/SfnClient.class",
            "software/amazon/awssdk/services/apigatewaymanagementapi/ApiGatewayManagementApiClient.class",
            "com/fasterxml/jackson/databind/ObjectMapper.class");
  }

  @Test
  void theThinJarIsRefusedWithAClearMessage() throws Exception {
    Path thin =
        Path.of(StackSettings.defaultLambdaJar().replace("-lambda.jar", ".jar"))
            .toAbsolutePath()
            .normalize();
    assertThat(thin).as("lambda-adapter's thin jar, built before this module").isRegularFile();
    Path out = Path.of("target", "synth-it", "thin").toAbsolutePath();
    Synth synth = synth(out, JSON.createObjectNode().put("lambdaJar", thin.toString()).toString());
    assertThat(synth.exitCode).isNotZero();
    assertThat(synth.stderr)
        .contains(
            "is not self-contained",
            "software.amazon.awssdk.services.athena.AthenaClient",
            "-lambda.jar")
        .as("a reason, not a stack trace")
        .doesNotContain("\tat ");
    assertThat(out.resolve(AthenaWsApp.STACK_ID + ".template.json")).doesNotExist();
  }

  private record Synth(int exitCode, String stderr) {}

  private static Synth synth(Path out, String contextJson)
      throws IOException, InterruptedException {
    deleteTree(out);
    Files.createDirectories(out);
    Path stderr = out.resolveSibling(out.getFileName() + ".stderr.txt");
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                AthenaWsApp.class.getName())
            .directory(new File(System.getProperty("user.dir")))
            .redirectOutput(out.resolveSibling(out.getFileName() + ".stdout.txt").toFile())
            .redirectError(stderr.toFile());
    pb.environment().put("CDK_OUTDIR", out.toString());
    pb.environment().put("CDK_CONTEXT_JSON", contextJson);
    pb.environment().remove("CDK_DEFAULT_ACCOUNT");
    pb.environment().remove("CDK_DEFAULT_REGION");
    Process p = pb.start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("synthesis did not finish in 5 minutes");
    }
    return new Synth(p.exitValue(), Files.readString(stderr, StandardCharsets.UTF_8));
  }

  /**
   * @return the entry names of a staged asset: a jar or zip file, or a directory
   */
  private static List<String> entries(Path staged) throws IOException {
    List<String> names = new ArrayList<>();
    if (Files.isDirectory(staged)) {
      try (var files = Files.walk(staged)) {
        files
            .filter(Files::isRegularFile)
            .forEach(
                f -> names.add(staged.relativize(f).toString().replace(File.separatorChar, '/')));
      }
      return names;
    }
    try (ZipFile zip = new ZipFile(staged.toFile())) {
      zip.stream().map(ZipEntry::getName).forEach(names::add);
    }
    return names;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(p);
      }
    }
  }
}
