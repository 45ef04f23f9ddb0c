package dev.athenaws.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.athenaws.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The licences and notices inside the jars: athena-ws's LICENSE and NOTICE in the library jars, and
 * in the deployable jar also the merged NOTICE of what it bundles and META-INF/THIRD-PARTY.txt,
 * which must name exactly the components bundled (so adding or dropping a dependency without
 * updating lambda-adapter/THIRD-PARTY.txt fails here) and carry the non-Apache licence texts.
 */
class ShadedJarLicencesIT {
  private static final Pattern POM_PROPERTIES =
      Pattern.compile("META-INF/maven/([^/]+)/([^/]+)/pom\\.properties");
  private static final Pattern LISTED = Pattern.compile("(?m)^  ([\\w.-]+:[\\w.-]+)$");

  /** Bundled jars that carry no pom.properties, recognised by their packages. */
  private static final Map<String, String> WITHOUT_POM_PROPERTIES =
      Map.of(
          "org/reactivestreams/", "org.reactivestreams:reactive-streams",
          "software/amazon/awssdk/thirdparty/jackson/core/",
              "software.amazon.awssdk:third-party-jackson-core");

  private static Path shadedJar() {
    return Path.of(System.getProperty("athenaws.shadedJar"));
  }

  private static String read(Path jar, String entry) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      ZipEntry found = file.getEntry(entry);
      assertThat(found).as(entry + " in " + jar.getFileName()).isNotNull();
      try (InputStream in = file.getInputStream(found)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
  }

  @Test
  void libraryJarsCarryTheApacheLicenceAndTheNotice() throws Exception {
    Path thin = Path.of(shadedJar().toString().replace("-lambda.jar", ".jar"));
    Path core =
        Path.of(ErrorCode.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    for (Path jar : new Path[] {thin, core}) {
      assertThat(jar.getFileName().toString()).endsWith(".jar");
      assertThat(read(jar, "META-INF/LICENSE"))
          .contains("Apache License", "Version 2.0, January 2004");
      assertThat(read(jar, "META-INF/NOTICE"))
          .startsWith("athena-ws\nCopyright 2026 The athena-ws authors");
    }
  }

  @Test
  void deployableJarKeepsTheLicencesAndNoticesOfWhatItBundles() throws IOException {
    Path jar = shadedJar();
    assertThat(read(jar, "META-INF/LICENSE"))
        .contains("Apache License", "Version 2.0, January 2004");
    // jackson-core (2.21+) carries the notices of the code it embeds in its NOTICE.
    assertThat(read(jar, "META-INF/NOTICE"))
        .contains(
            "athena-ws\nCopyright 2026 The athena-ws authors",
            "AWS SDK for Java 2.0",
            "Jackson JSON processor",
            "Joda.org",
            "FastDoubleParser",
            "Schubfach");
    assertThat(read(jar, "META-INF/THIRD-PARTY.txt"))
        .contains("Copyright (c) 2004-2022 QOS.ch", "Permission is hereby granted") // SLF4J, MIT
        .contains(
            "Copyright 2017-2020 Azul Systems, Inc.",
            "Redistribution and use in source and binary") // CRaC
        .contains("MIT No Attribution"); // Reactive Streams
    for (String kept :
        new String[] {
          "META-INF/FastDoubleParser-LICENSE",
          "META-INF/Schubfach-LICENSE",
          "META-INF/FastDoubleParser-ThirdParty-LICENSE"
        }) {
      assertThat(read(jar, kept)).isNotBlank();
    }
  }

  @Test
  void thirdPartyListNamesExactlyTheBundledComponents() throws IOException {
    Set<String> bundled = new TreeSet<>();
    try (JarFile file = new JarFile(shadedJar().toFile())) {
      file.stream()
          .map(ZipEntry::getName)
          .forEach(
              name -> {
                Matcher m = POM_PROPERTIES.matcher(name);
                if (m.matches() && !m.group(1).equals("dev.athenaws")) {
                  bundled.add(m.group(1) + ":" + m.group(2));
                }
                WITHOUT_POM_PROPERTIES.forEach(
                    (prefix, component) -> {
                      if (name.startsWith(prefix)) {
                        bundled.add(component);
                      }
                    });
              });
    }
    Set<String> listed = new TreeSet<>();
    Matcher m = LISTED.matcher(read(shadedJar(), "META-INF/THIRD-PARTY.txt"));
    while (m.find()) {
      listed.add(m.group(1));
    }
    assertThat(bundled).hasSizeGreaterThan(30);
    assertThat(listed).isEqualTo(bundled);
    assertThat(Files.readString(Path.of("THIRD-PARTY.txt")))
        .isEqualTo(read(shadedJar(), "META-INF/THIRD-PARTY.txt"));
  }
}
