/** Where batch manifests go. Both implementations return the same CID for the same bytes (core/contentId). */
export interface ContentStore {
  readonly kind: "directory" | "ipfs";
  /** Stores `bytes` and returns its CID; throws when the store cannot be reached. */
  put(bytes: Uint8Array): Promise<string>;
  /** True when the store answers now. */
  healthy(): Promise<boolean>;
}
