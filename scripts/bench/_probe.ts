import { keccak256 as ethersKeccak } from "ethers";
import { buildCredential } from "../../core/buildCredential";
import { initFastKeccak, keccak256 } from "../../core/keccak256";
import { parseGraduateFile } from "../../core/parseGraduateFile";
import { saltClaims } from "../../core/wrapBatch";
import { graduateCsv } from "./graduateRows";
(async () => {
  await initFastKeccak(); ethersKeccak.register((d) => keccak256(d));
  const N = Number(process.env.N ?? 20000);
  const issuer = { id: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", chainId: 31337, nameEn: "Harbour University", nameZh: "海港大學", domain: "harbour.example.edu" };
  const csv = graduateCsv(N);
  let t = performance.now();
  const lap = (label: string) => { const now = performance.now(); console.log(label, Math.round(now - t), "ms"); t = now; };
  const { records } = parseGraduateFile(csv, "csv", { maxRows: 1e9, now: new Date("2026-11-23T00:00:00Z") }); lap("parse");
  const unsigned = records.map((r) => buildCredential(r, issuer)); lap("build");
  const out = unsigned.map((c) => saltClaims(c)); lap("salt+hash");
  console.log(out.length);
})();
