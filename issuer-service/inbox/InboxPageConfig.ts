import type { Deployment, LocalisedText } from "@credanchor/core/protocol";

/** `GET /inbox/config.json`: the chain the reviewer's browser verifies against, and the sign-in providers. */
export interface InboxPageConfig {
  rpcUrl: string;
  deployment: Deployment;
  providers: { id: string; label: LocalisedText }[];
}
