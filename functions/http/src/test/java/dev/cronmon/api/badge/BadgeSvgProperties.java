package dev.cronmon.api.badge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cronmon.domain.monitor.BadgeState;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.w3c.dom.Document;

/** Whatever the label, the badge is well-formed XML whose label is that text (less what XML cannot carry), never markup. */
class BadgeSvgProperties {

  @Property(tries = 500)
  void anyLabel_givesWellFormedSvg_withTheLabelAsText(@ForAll String label, @ForAll BadgeState state) throws Exception {
    String svg = BadgeSvg.render(label, state);

    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
    assertThat(doc.getDocumentElement().getElementsByTagNameNS("*", "*").getLength()).as("title, 2 rect, g, 2 text: no element from the label").isEqualTo(6);
    String kept = BadgeSvg.escape(label).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&");
    // XML parsers normalise line ends: \r\n and a lone \r are read as \n.
    String expected = kept.replace("\r\n", "\n").replace('\r', '\n');
    assertThat(doc.getElementsByTagNameNS("*", "text").item(0).getTextContent()).isEqualTo(expected);
    assertThat(doc.getElementsByTagNameNS("*", "text").item(1).getTextContent()).isEqualTo(state.wire());
  }
}
