package dev.athenaws.examples.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.athenaws.examples.service.DocSnippets.Block;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The docs cannot rot: every {@code java} block of docs/api.md is, line for line (modulo
 * indentation), a marked region of code that the build compiles and runs (ApiSnippetsTest,
 * ReportServiceTest, SessionNotifier with SessionNotifierTest), and the Maven coordinates in
 * README.md and docs/api.md are those of the POMs.
 */
class DocsSnippetsTest {
  private static final Path ROOT = DocSnippets.repositoryRoot();
  private static final List<String> PAGES_WITH_COORDINATES = List.of("README.md", "docs/api.md");

  @TestFactory
  Stream<DynamicTest> everyJavaBlockOfTheApiPageIsAMarkedRegionOfCompiledCode() {
    List<Block> java =
        DocSnippets.blocks(ROOT.resolve("docs/api.md")).stream()
            .filter(b -> b.language().equals("java"))
            .toList();
    assertThat(java).as("java blocks in docs/api.md").hasSizeGreaterThanOrEqualTo(4);
    return java.stream().map(b -> DynamicTest.dynamicTest(name(b), () -> check(b)));
  }

  private static String name(Block block) {
    return "docs/api.md:" + block.line() + (block.marker() == null ? "" : " " + block.marker());
  }

  private static void check(Block block) {
    assertThat(block.marker())
        .as(
            "docs/api.md:%d: a java block needs <!-- snippet: PATH#NAME --> on the line before it,"
                + " naming the // snippet:start NAME region of compiled code it shows",
            block.line())
        .isNotNull();
    List<String> code = DocSnippets.region(ROOT.resolve(block.file()), block.region());
    assertThat(String.join("\n", DocSnippets.normalise(block.lines())))
        .as(
            "docs/api.md:%d shows region %s of %s, but the code differs (update the doc from the"
                + " code)",
            block.line(), block.region(), block.file())
        .isEqualTo(String.join("\n", DocSnippets.normalise(code)));
  }

  @Test
  void theDependencySnippetsNameThePublishedCoordinatesAndTheProjectVersion() throws Exception {
    Map<String, String[]> published = new HashMap<>(); // artifactId -> {groupId, version}
    for (String pom : List.of("bom/pom.xml", "core/pom.xml", "lambda-adapter/pom.xml")) {
      Element project = parse(ROOT.resolve(pom).toFile().toURI().toString(), null);
      published.put(
          text(project, "artifactId"),
          new String[] {orParent(project, "groupId"), orParent(project, "version")});
    }
    for (String page : PAGES_WITH_COORDINATES) {
      List<Block> xml =
          DocSnippets.blocks(ROOT.resolve(page)).stream()
              .filter(
                  b ->
                      b.language().equals("xml")
                          && String.join("\n", b.lines()).contains("athena-ws"))
              .toList();
      assertThat(xml).as("%s has a <dependency> snippet", page).isNotEmpty();
      for (Block block : xml) {
        List<String> artifacts = new ArrayList<>();
        NodeList dependencies =
            parse(null, "<project>" + String.join("\n", block.lines()) + "</project>")
                .getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
          Element dependency = (Element) dependencies.item(i);
          String artifact = text(dependency, "artifactId");
          String where = page + ":" + block.line() + " " + artifact;
          assertThat(published)
              .as("%s: not an artifact athena-ws publishes", where)
              .containsKey(artifact);
          artifacts.add(artifact);
          assertThat(text(dependency, "groupId")).as(where).isEqualTo(published.get(artifact)[0]);
          String version = text(dependency, "version");
          if (version != null) {
            assertThat(version)
                .as("%s: the version of its POM", where)
                .isEqualTo(published.get(artifact)[1]);
          }
        }
        assertThat(artifacts)
            .as("%s:%d imports the BOM and uses core", page, block.line())
            .contains("athena-ws-bom", "athena-ws-core");
      }
    }
  }

  private static Element parse(String uri, String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document document =
        uri != null
            ? factory.newDocumentBuilder().parse(uri)
            : factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    return document.getDocumentElement();
  }

  /**
   * @return the text of the element's direct child of that name, or null
   */
  private static String text(Element element, String child) {
    for (var node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element e && e.getTagName().equals(child)) {
        return e.getTextContent().strip();
      }
    }
    return null;
  }

  /**
   * @return the project's own groupId or version, else its parent's
   */
  private static String orParent(Element project, String child) {
    String own = text(project, child);
    if (own != null) {
      return own;
    }
    NodeList parent = project.getElementsByTagName("parent");
    return text((Element) parent.item(0), child);
  }
}
