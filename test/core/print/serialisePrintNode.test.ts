import { expect } from "chai";
import { printNode } from "../../../core/src/print/PrintNode";
import { serialisePrintNode } from "../../../core/src/print/serialisePrintNode";

describe("serialisePrintNode", () => {
  it("escapes every text and attribute, since all of it comes from a credential file", () => {
    const node = printNode("p", { class: 'a"><script>' }, "<b>&'\"", printNode("span", {}, "x"));
    expect(serialisePrintNode(node)).to.equal('<p class="a&quot;&gt;&lt;script&gt;">&lt;b&gt;&amp;&#39;&quot;<span>x</span></p>');
  });

  it("writes an image as a void element", () => {
    expect(serialisePrintNode(printNode("img", { src: "data:image/png;base64,AA==", alt: "QR" }))).to.equal('<img src="data:image/png;base64,AA==" alt="QR">');
  });
});
