import { expect } from "chai";
import { buildTranscriptCredential } from "../../../core/src/kinds/buildTranscriptCredential";
import type { TranscriptCredential } from "../../../core/src/kinds/TranscriptCredential";
import { printLayout } from "../../../core/src/print/printLayout";
import { serialisePrintNode } from "../../../core/src/print/serialisePrintNode";
import { SCALE, TRANSCRIPT_RECORD } from "../helpers/kindRecords";

const OPTIONS = { link: "https://verify.example/#share=x", qrDataUrl: "data:image/png;base64,AA==" };
const ISSUER = { id: "0x0000000000000000000000000000000000000001", chainId: 31337, nameEn: "Harbour University", nameZh: "海港大學", domain: "harbour.example" };
// The sheet reads the document only; a proof is what a signed one adds and the footer prints.
const transcript = { ...buildTranscriptCredential(TRANSCRIPT_RECORD, ISSUER, SCALE), proof: { type: "CredAnchorMerkleProof2025" } } as unknown as TranscriptCredential;

describe("printLayout of a transcript", () => {
  it("says the grading scale's legend is published apart when the caller has no checked scale", () => {
    const html = serialisePrintNode(printLayout(transcript, OPTIONS));
    expect(html).to.include("It could not be obtained here");
    expect(html).not.to.include('class="print-scale"');
  });

  it("prints the legend after the terms when given the checked scale: every grade with its points and meaning, the marks, the highest GPA", () => {
    const html = serialisePrintNode(printLayout(transcript, { ...OPTIONS, gradingScale: SCALE }));
    expect(html).not.to.include("It could not be obtained here");
    const legend = html.slice(html.indexOf('class="print-scale"'));
    expect(html.indexOf('class="print-scale"')).to.be.greaterThan(html.lastIndexOf('class="print-courses'));
    for (const grade of SCALE.grades) expect(legend).to.include(`<td>${grade.grade}</td>`);
    expect(legend).to.include("<td>4.30</td>").and.to.include("Marginal pass").and.to.include("勉強及格");
    expect(legend).to.include("0 to 100").and.to.include("0 至 100 分");
    expect(legend).to.include("Highest GPA on this scale: 4.30");
  });
});
