package dev.athenaws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The size and shape of core's supported API (docs/api.md, "Public types"): the packages outside
 * {@code dev.athenaws.internal} export at most {@value #MAX_SUPPORTED_TYPES} public top-level
 * types, each listed in docs/api.md; internal packages say they are unsupported; no supported
 * signature exposes an AWS SDK model type.
 */
class PublicApiTest {
  /** The budget of issue 13: what a newcomer has to learn stays small. */
  static final int MAX_SUPPORTED_TYPES = 30;

  private static final Path SOURCES = Path.of("src/main/java");
  private static final Path API_DOC = Path.of("../docs/api.md");
  private static final Pattern PUBLIC_TOP_LEVEL =
      Pattern.compile(
          "^public (?:final |abstract |sealed |non-sealed )*(?:class|interface|record|enum|@interface) ",
          Pattern.MULTILINE);

  @Test
  void supportedPackagesExportAtMostThirtyTypes() throws IOException {
    assertThat(supportedTypes())
        .as("public top-level types of core's supported packages")
        .hasSizeLessThanOrEqualTo(MAX_SUPPORTED_TYPES);
  }

  @Test
  void everySupportedTypeIsListedInApiMd() throws IOException {
    String doc = Files.readString(API_DOC);
    List<String> missing = new ArrayList<>();
    for (String fqn : supportedTypes()) {
      String simple = fqn.substring(fqn.lastIndexOf('.') + 1);
      if (!doc.contains("- `" + simple + "`")) {
        missing.add(fqn);
      }
    }
    assertThat(missing).as("supported types without a line in docs/api.md").isEmpty();
  }

  @Test
  void internalPackagesSayTheyAreUnsupported() throws IOException {
    Path internal = SOURCES.resolve("dev/athenaws/internal");
    List<Path> packages;
    try (Stream<Path> s = Files.list(internal)) {
      packages = s.filter(Files::isDirectory).toList();
    }
    assertThat(packages).isNotEmpty();
    for (Path pkg : packages) {
      Path info = pkg.resolve("package-info.java");
      assertThat(info).exists();
      assertThat(Files.readString(info)).contains("Unsupported internal API");
    }
  }

  @Test
  void supportedSignaturesExposeNoSdkModelTypes() throws Exception {
    List<String> leaks = new ArrayList<>();
    for (String fqn : supportedTypes()) {
      for (Class<?> type : withNested(Class.forName(fqn))) {
        if (!Modifier.isPublic(type.getModifiers())) {
          continue;
        }
        List<Executable> members = new ArrayList<>(List.of(type.getConstructors()));
        members.addAll(List.of(type.getMethods()));
        for (Executable member : members) {
          if (member.getDeclaringClass() != type) {
            continue;
          }
          List<Type> types = new ArrayList<>(List.of(member.getGenericParameterTypes()));
          if (member instanceof Method m) {
            types.add(m.getGenericReturnType());
          }
          for (Type t : types) {
            if (isSdkModel(t)) {
              leaks.add(type.getName() + "." + name(member) + ": " + t.getTypeName());
            }
          }
        }
        if (type.isRecord()) {
          for (RecordComponent c : type.getRecordComponents()) {
            if (isSdkModel(c.getGenericType())) {
              leaks.add(type.getName() + "." + c.getName() + ": " + c.getGenericType());
            }
          }
        }
      }
    }
    assertThat(leaks).as("AWS SDK model types in supported signatures").isEmpty();
  }

  /**
   * Issue 13's rule for public signatures: no bare booleans (name the option instead) and no two
   * adjacent parameters of the same type that a caller could swap silently. Outside the rule: a
   * record's canonical constructor (Java makes it as public as the record; records with several
   * same-typed components offer builders or named factories, such as {@code NamedQuery.named}), and
   * exception constructors (the library builds its exceptions; callers catch them).
   */
  @Test
  void supportedSignaturesHaveNoBareBooleansOrAdjacentSameTypedParameters() throws Exception {
    List<String> bad = new ArrayList<>();
    for (String fqn : supportedTypes()) {
      for (Class<?> type : withNested(Class.forName(fqn))) {
        if (!Modifier.isPublic(type.getModifiers())) {
          continue;
        }
        List<Executable> members = new ArrayList<>(List.of(type.getConstructors()));
        members.addAll(List.of(type.getMethods()));
        for (Executable member : members) {
          if (member.getDeclaringClass() != type || isExempt(type, member)) {
            continue;
          }
          Class<?>[] params = member.getParameterTypes();
          for (int i = 0; i < params.length; i++) {
            if (params[i] == boolean.class || params[i] == Boolean.class) {
              bad.add(type.getName() + "." + name(member) + ": boolean parameter " + i);
            }
            if (i > 0 && params[i] == params[i - 1] && !isValueOnlyPair(params[i])) {
              bad.add(
                  type.getName()
                      + "."
                      + name(member)
                      + ": parameters "
                      + (i - 1)
                      + " and "
                      + i
                      + " are both "
                      + params[i].getSimpleName());
            }
          }
        }
      }
    }
    assertThat(bad).as("swappable or bare-boolean parameters in supported signatures").isEmpty();
  }

  /** Types whose adjacent pairs cannot be swapped silently in practice (an equals-style pair). */
  private static boolean isValueOnlyPair(Class<?> type) {
    return type == Object.class;
  }

  /** Swaps that fail loudly: the method checks the order of its same-typed pair. */
  private static final java.util.Set<String> ORDER_CHECKED =
      java.util.Set.of("dev.athenaws.retry.Backoff.exponential"); // initial <= max, else IAE

  private static boolean isExempt(Class<?> type, Executable member) {
    if (member instanceof Constructor<?> c) {
      boolean canonical =
          type.isRecord()
              && java.util.Arrays.equals(
                  c.getParameterTypes(),
                  java.util.Arrays.stream(type.getRecordComponents())
                      .map(RecordComponent::getType)
                      .toArray(Class<?>[]::new));
      return canonical || Throwable.class.isAssignableFrom(type);
    }
    return ORDER_CHECKED.contains(type.getName() + "." + member.getName());
  }

  private static String name(Executable member) {
    return member instanceof Constructor<?> ? "<init>" : member.getName();
  }

  private static boolean isSdkModel(Type type) {
    String name = type.getTypeName();
    return name.startsWith("software.amazon.awssdk.") && name.contains(".model.");
  }

  private static List<Class<?>> withNested(Class<?> type) {
    List<Class<?>> out = new ArrayList<>();
    out.add(type);
    for (Class<?> nested : type.getDeclaredClasses()) {
      out.addAll(withNested(nested));
    }
    return out;
  }

  static TreeSet<String> supportedTypes() throws IOException {
    TreeSet<String> out = new TreeSet<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(SOURCES.resolve("dev/athenaws"))) {
      files =
          s.filter(p -> p.toString().endsWith(".java"))
              .filter(p -> !SOURCES.relativize(p).startsWith("dev/athenaws/internal"))
              .toList();
    }
    for (Path f : files) {
      if (PUBLIC_TOP_LEVEL.matcher(Files.readString(f)).find()) {
        String rel = SOURCES.relativize(f).toString();
        out.add(rel.substring(0, rel.length() - ".java".length()).replace('/', '.'));
      }
    }
    return out;
  }
}
