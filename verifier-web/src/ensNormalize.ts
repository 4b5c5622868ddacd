/**
 * Stands in for `@adraffy/ens-normalize` in the verifier's bundles (vite.config.mts): ethers imports it for ENS names,
 * and its Unicode tables are a fifth of the worker's gzipped JavaScript. The verifier never resolves a name: every
 * address it reads comes from the deployment in config.json or from a credential's schema-checked proof, and
 * ethers only normalises a string that is not an address. Anything that still asks fails loudly instead of guessing.
 */
export function ens_normalize(name: string): string {
  throw new Error(`ENS names are not supported by the verifier: ${name}`);
}
