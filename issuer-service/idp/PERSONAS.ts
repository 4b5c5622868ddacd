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
  /** A university sign-on's own student number, released with the `student` scope. */
  studentId?: string;
}

export const PERSONAS: readonly Persona[] = [
  { login: "chan-tai-man", name: "Chan Tai Man 陳大文", idDocumentNumber: "A1234563" },
  { login: "lee-siu-ming", name: "Lee Siu Ming 李小明" },
];

/**
 * The local stand-in for a university's own single sign-on, served beside the digital identity on the same port
 * under its own path (its own issuer): Harbour University's students, each with the student id Harbour issued to
 * them (the second is a graduate of `npm start`'s Harbour seed batch); `no-student-id` is an account the sign-on
 * releases no student id for.
 */
export const UNIVERSITY_SIGN_ON = {
  path: "/harbour-sso",
  university: "harbour",
  label: { en: "Harbour University sign-on", "zh-Hant": "海港大學單一登入" },
  personas: [
    { login: "siu-yan-ting", name: "Siu Yan Ting 蕭欣婷", studentId: "303520250002" },
    { login: "no-student-id", name: "Visitor 訪客" },
  ] satisfies readonly Persona[] as readonly Persona[],
} as const;

/**
 * The local stand-in for a verifying organisation's own staff sign-on (an issuer of its own beside the others): the
 * inbox signs reviewers in with it. `npm start` registers the first persona as a reviewer of its demo organisation;
 * the second is on the same staff sign-on but registered nowhere, and is refused.
 */
export const ORGANISATION_SIGN_ON = {
  path: "/pacific-staff",
  label: { en: "Pacific Institute staff sign-on", "zh-Hant": "太平洋科技學院職員登入" },
  personas: [
    { login: "ho-wing-sze", name: "Ho Wing Sze 何詠詩" },
    { login: "cheung-ka-ho", name: "Cheung Ka Ho 張家豪" },
  ] satisfies readonly Persona[] as readonly Persona[],
} as const;
