import type { Credential, LocalisedText } from "@credanchor/core/protocol";

/** What a credential is called in lists: its award and its university, in both languages. */
export function credentialTitle(credential: Credential): LocalisedText {
  const award = credential.credentialSubject.degree;
  const university = credential.issuer.name;
  const part = (language: keyof LocalisedText) => [award?.[language], university?.[language]].filter((text) => text !== undefined).join(" · ");
  return { en: part("en") || credential.id, "zh-Hant": part("zh-Hant") || credential.id };
}
