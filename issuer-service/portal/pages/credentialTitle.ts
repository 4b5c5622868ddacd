import { isLetter, isTranscript, kindOf, renderLetter, translate, type AnyCredential, type LocalisedText } from "@credanchor/core/protocol";

/**
 * What a credential is called in lists, in both languages: an award by its degree, a transcript by its programme,
 * a letter by its title; then its university. A transcript and a letter also name their kind.
 */
export function credentialTitle(credential: AnyCredential): LocalisedText {
  const university = credential.issuer.name;
  const kind = translate(`kind.${kindOf(credential)}`);
  const part = (language: keyof LocalisedText) => {
    const what = isTranscript(credential)
      ? [kind[language], credential.credentialSubject.programme[language]]
      : isLetter(credential)
        ? [renderLetter(credential, language).title]
        : [credential.credentialSubject.degree?.[language]];
    return [...what, university?.[language]].filter((text) => text !== undefined).join(" · ");
  };
  return { en: part("en") || credential.id, "zh-Hant": part("zh-Hant") || credential.id };
}
