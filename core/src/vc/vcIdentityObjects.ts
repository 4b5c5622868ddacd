import type { Language, LocalisedText } from "../i18n/Language";

/** Open Badges 3.0 `IdentityObject`: how OB 3.0 names a recipient without a DID. */
export interface VcIdentityObject {
  type: "IdentityObject";
  hashed: false;
  identityHash: string;
  identityType: "name" | "sisSourcedId" | "ext:dateOfBirth";
}

/**
 * The holder as every export names them (SPEC §10): in this order, each only if the credential shows it, the name in
 * `language`, the student number and the date of birth. A hidden claim is absent, so it is absent here too.
 */
export function vcIdentityObjects(subject: { name?: LocalisedText; studentId?: string; dateOfBirth?: string }, language: Language): VcIdentityObject[] {
  const identities: [string | undefined, VcIdentityObject["identityType"]][] = [
    [subject.name?.[language], "name"],
    [subject.studentId, "sisSourcedId"],
    [subject.dateOfBirth, "ext:dateOfBirth"],
  ];
  return identities.flatMap(([identityHash, identityType]) => (identityHash === undefined ? [] : [{ type: "IdentityObject" as const, hashed: false as const, identityHash, identityType }]));
}
