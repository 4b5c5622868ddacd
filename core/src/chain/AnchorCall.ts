/**
 * A call of the CredentialAnchor that governance makes through a proposal: revoking what a university cannot or must
 * not revoke itself (its key stolen, the university suspended). `reasonCode` is a RevocationReason; a batch is named by
 * its issuer and root (the anchor keeps one namespace of roots per issuer, SPEC §7).
 */
export type AnchorCall =
  | { function: "revokeBatch"; args: [issuerId: string, root: string, reasonCode: number, reason: string] }
  | { function: "revokeCredential"; args: [issuerId: string, root: string, leaf: string, proof: string[], reasonCode: number, reason: string] };
