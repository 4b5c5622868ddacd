/** One event of the registry or the anchor as the monitor reports it; arguments are strings so it prints as JSON. */
export interface ChainEvent {
  event: string;
  contract: "IssuerRegistry" | "CredentialAnchor";
  blockNumber: number;
  blockHash: string;
  transactionHash: string;
  logIndex: number;
  args: Record<string, string>;
}
