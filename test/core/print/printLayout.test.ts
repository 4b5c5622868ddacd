import { expect } from "chai";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Credential } from "../../../core/src/Credential";
import type { PrintNode } from "../../../core/src/print/PrintNode";
import { printLayout } from "../../../core/src/print/printLayout";

const fixture = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "spec-vectors.json"), "utf8")) as { credential: { json: Credential }; postgraduate: { json: Credential } };
const OPTIONS = { link: "https://verify.example/#c=x", qrDataUrl: "data:image/png;base64,AA==" };

/** The English label of every claim row of the sheet. */
function rowLabels(sheet: PrintNode): string[] {
  const table = sheet.children?.find((child): child is PrintNode => typeof child !== "string" && child.tag === "table");
  return (table?.children ?? []).map((row) => {
    const th = (row as PrintNode).children?.[0] as PrintNode;
    return (th.children?.[0] as PrintNode).children?.[0] as string;
  });
}

describe("printLayout", () => {
  it("prints an Honours row only for a credential that has honours: none, not an empty one, for a doctorate", () => {
    expect(rowLabels(printLayout(fixture.credential.json, OPTIONS))).to.include("Honours");
    const labels = rowLabels(printLayout(fixture.postgraduate.json, OPTIONS));
    expect(labels).to.include.members(["Name", "Degree", "Major", "Award date"]);
    expect(labels).not.to.include("Honours");
  });
});
