/**
 * The local provider's test graduates. Sign in with the login and any password. One releases an identity-document
 * number when the graduate consents to the `identity` scope; the other has none to release, as a provider that
 * withholds it would behave.
 */
export interface Persona {
  login: string;
  name: string;
  /** Released only with the `identity` scope, as iAM Smart releases data only with the user's consent. */
  idDocumentNumber?: string;
}

export const PERSONAS: readonly Persona[] = [
  { login: "chan-tai-man", name: "Chan Tai Man 陳大文", idDocumentNumber: "A1234563" },
  { login: "lee-siu-ming", name: "Lee Siu Ming 李小明" },
];
