import { expect } from "chai";
import { HDNodeWallet, Mnemonic } from "ethers";
import { DEV_PRIVATE_KEYS } from "../../../core/src/chain/devAccounts";

// Hardhat's documented development mnemonic; its first accounts are funded on every Hardhat node.
const HARDHAT_MNEMONIC = "test test test test test test test test test test test junk";

describe("dev accounts", () => {
  it("are exactly Hardhat's funded accounts, in order", () => {
    const mnemonic = Mnemonic.fromPhrase(HARDHAT_MNEMONIC);
    DEV_PRIVATE_KEYS.forEach((key, index) => {
      expect(key, `account #${index}`).to.equal(HDNodeWallet.fromMnemonic(mnemonic, `m/44'/60'/0'/0/${index}`).privateKey);
    });
  });
});
