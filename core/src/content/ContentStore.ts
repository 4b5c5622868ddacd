/** Where batch manifests go. Every implementation returns the same CID for the same bytes (`contentId`). */
export interface ContentStore {
  readonly kind: "directory" | "ipfs";
  /** Stores `bytes` and returns its CID; throws when the store cannot be reached. */
  put(bytes: Uint8Array): Promise<string>;
  /** True when the store answers now. */
  healthy(): Promise<boolean>;
}
