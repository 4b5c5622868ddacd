/**
 * A registry administration call, which the registry only runs as an executed governance proposal. Times are unix
 * seconds (bigint or number); `validUntil` 0 means open-ended.
 */
export type RegistryCall =
  | { function: "accredit"; args: [issuerKey: string, nameEn: string, nameZh: string, domain: string] }
  | { function: "suspend" | "reinstate" | "deaccredit"; args: [issuerId: string, effectiveFrom: number | bigint] }
  | { function: "addMember" | "removeMember"; args: [account: string] }
  | { function: "setThreshold"; args: [threshold: number | bigint] }
  | { function: "addSigningKey"; args: [issuerId: string, key: string, validFrom: number | bigint, validUntil: number | bigint] }
  | { function: "retireSigningKey"; args: [key: string, validUntil: number | bigint] };
