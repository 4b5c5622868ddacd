import type { Language, LocalisedText } from "../i18n/Language";

/** An export's `issuer`: the OB 3.0 `Profile` of the credential's issuer, with what the credential shows of it. */
export interface VcProfile {
  id: string;
  type: ["Profile"];
  name?: string;
  url?: string;
}

/** The issuer as every export names it (SPEC §10): its id, and its name in `language` and its URL where shown. */
export function vcIssuerProfile(issuer: { id: string; name?: LocalisedText; url?: string }, language: Language): VcProfile {
  const name = issuer.name?.[language];
  return {
    id: issuer.id,
    type: ["Profile"],
    ...(name === undefined ? {} : { name }),
    ...(issuer.url === undefined ? {} : { url: issuer.url }),
  };
}
