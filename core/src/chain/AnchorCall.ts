/**
 * A call of the CredentialAnchor that governance makes through a proposal: revoking what a university cannot or must
 * not revoke itself (its key stolen, the university suspended). `reasonCode` is a RevocationReason.
 */
export type AnchorCall =
  | { function: "revokeBatch"; args: [root: string, reasonCode: number, reason: string] }
  | { function: "revokeCredential"; args: [root: string, leaf: string, proof: string[], reasonCode: number, reason: string] };
