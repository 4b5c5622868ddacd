/**
 * `credanchor network allowlist`: after an accreditation and a key rotation, the accounts allowlist of the Besu
 * files is brought up to date from the registry, so the new key can send its first transaction on Besu.
 */
import { expect } from "chai";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Wallet } from "ethers";
import { startCliChain, type CliChain } from "../helpers/startCliChain";

describe("credanchor network allowlist end to end", function () {
  this.timeout(180_000);

  let chain: CliChain;
  let network: string;
  const rotated = Wallet.createRandom().address;
  const allowlisted = () => {
    const line = /^accounts-allowlist=(.*)$/m.exec(readFileSync(join(network, "permissions_config.toml"), "utf8"));
    return JSON.parse(line![1]!) as string[];
  };

  before(async () => {
    chain = await startCliChain("allowlist");
    network = join(chain.dir, "network");
    const init = await chain.cli("network", "init", "--validators", "4", "--out", network, "--accounts", chain.address(0));
    expect(init.code, init.stderr).to.equal(0);
    expect((await chain.cli("deploy")).code).to.equal(0);
    expect((await chain.cli("accredit", chain.address(1), "--name-en", "Harbour University", "--name-zh", "海港大學")).code).to.equal(0);
    expect((await chain.cli("key", "rotate", rotated, "--dev-account", "1")).code).to.equal(0);
  });

  after(async () => {
    await chain?.stop();
  });

  it("adds the accredited key and the rotated-in key, keeps the existing accounts, and says how to reload", async () => {
    expect(allowlisted()).to.not.include(rotated);
    const result = await chain.cli("network", "allowlist", "--network", network);
    expect(result.code, result.stderr).to.equal(0);
    expect(allowlisted()).to.deep.equal([chain.address(0), chain.address(1), rotated]);
    expect(result.stdout).to.contain("perm_reloadPermissionsFromFile");
  });

  it("changes nothing when run again", async () => {
    const result = await chain.cli("network", "allowlist", "--network", network, "--json");
    expect((JSON.parse(result.stdout) as { added: string[] }).added).to.deep.equal([]);
  });

  it("adds accounts given with --add without reading the chain (--offline)", async () => {
    const extra = Wallet.createRandom().address;
    const result = await chain.cli("network", "allowlist", "--network", network, "--offline", "--add", extra, "--rpc", "http://127.0.0.1:1");
    expect(result.code, result.stderr).to.equal(0);
    expect(allowlisted()).to.include(extra);
  });
});
