/** The host of an `issuer.url` that matched the schema's grammar (SPEC §1): between `https://` and the port or path. */
function hostOf(url: string): string {
  return /^https:\/\/([^:/]+)/.exec(url)?.[1] ?? "";
}

/**
 * Whether `issuer.url` is on the domain the registry holds for the issuer (SPEC §8, ISSUER): its host equals the
 * domain or is a subdomain of it (`www.harbour.example.edu` for `harbour.example.edu`, never
 * `harbour.example.edu.evil.example` nor `evilharbour.example.edu`). An issuer registered without a domain has no
 * URL a credential may show. Hosts are lowercase by the grammar; the registered domain is compared lowercased.
 */
export function issuerUrlOnDomain(url: string, registeredDomain: string): boolean {
  const domain = registeredDomain.toLowerCase();
  if (domain === "") return false;
  const host = hostOf(url);
  return host === domain || host.endsWith(`.${domain}`);
}
