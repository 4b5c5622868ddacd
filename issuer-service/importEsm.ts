/**
 * A real dynamic `import()` from CommonJS code. TypeScript (and ts-node, which `hardhat test` uses) compiles
 * `import(x)` into `require(x)` under `module: commonjs`, and ES-module-only packages (ipfs-http-client, vite)
 * cannot be required. Building the call at run time keeps it an ES import whatever compiles this file. The
 * specifier is always a constant package name from this service, never input.
 */
const dynamicImport = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<unknown>;

export function importEsm<T>(specifier: string): Promise<T> {
  return dynamicImport(specifier) as Promise<T>;
}
