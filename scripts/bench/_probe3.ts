import { Wallet, keccak256 as ethersKeccak } from "ethers";
import { buildCredential } from "../../core/buildCredential";
import { AccreditationStatus } from "../../core/chain/ChainReader";
import { createCachedChainReader } from "../../core/chain/cachedChainReader";
import { initFastKeccak, keccak256 } from "../../core/keccak256";
import { parseGraduateFile } from "../../core/parseGraduateFile";
import { signBatch } from "../../core/signBatch";
import { createVerifyCache, verifyParsedCredential } from "../../core/verifyCredential";
import { wrapBatch } from "../../core/wrapBatch";
import { FakeChain } from "../../test/core/helpers/fakeChain";
import { graduateCsv } from "./graduateRows";
(async () => {
  await initFastKeccak(); ethersKeccak.register((d) => keccak256(d));
  const N = Number(process.env.N ?? 20000);
  const wallet = new Wallet("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
  const issuer = { id: wallet.address, chainId: 31337, nameEn: "Harbour University", nameZh: "海港大學", domain: "harbour.example.edu" };
  const { records } = parseGraduateFile(graduateCsv(N), "csv", { maxRows: 1e9, now: new Date("2026-11-23T00:00:00Z") });
  const anchor = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
  const signed = await signBatch(wrapBatch(records.map((r) => buildCredential(r, issuer)), { chainId: 31337, anchor, issuer: wallet.address, signer: wallet.address }), wallet);
  const lines = signed.credentials.map((c) => JSON.stringify(c));
  const chain = new FakeChain();
  chain.batches.set(signed.root, { issuerId: wallet.address, signer: wallet.address, anchoredAt: 1_790_000_000, blockNumber: 42, count: N, manifestCid: "Qm" });
  chain.issuers.set(wallet.address.toLowerCase(), { nameEn: "Harbour University", nameZh: "海港大學", domain: "harbour.example.edu", accreditedAt: 1 });
  chain.statuses.set(wallet.address.toLowerCase(), [{ status: AccreditationStatus.Accredited, from: 1 }]);
  chain.keys.set(wallet.address.toLowerCase(), { issuerId: wallet.address, from: 1, until: 0 });
  const reader = createCachedChainReader(chain, { revokedLeaves: async () => [] });
  await reader.prefetchBatch(signed.root);
  const deployment = { chainId: 31337, anchor, registry: anchor };
  const now = new Date(1_800_000_000_000);
  const parsed = lines.map((l) => JSON.parse(l));
  for (const memo of [true, false, true, false]) {
    const cache = createVerifyCache();
    if (!memo) (cache as { merklePairs?: unknown }).merklePairs = undefined;
    let t = performance.now(); let valid = 0;
    for (const c of parsed) { const r = await verifyParsedCredential(c, { reader, deployment, cache, now: () => now }); if (r.valid) valid++; }
    const objMs = performance.now() - t;
    t = performance.now();
    for (const line of lines.slice(0, 5000)) JSON.parse(line);
    const parseMs = (performance.now() - t) * 4;
    console.log(memo ? "memo" : "nomemo", Math.round(objMs), "ms objects", valid, Math.round(N / (objMs / 1000)), "/s; JSON.parse", Math.round(parseMs), "ms");
  }
})();
