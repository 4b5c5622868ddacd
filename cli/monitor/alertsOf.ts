import { isAnnounced, type AnnouncedKeys } from "./announcedKeys";
import { readableArgs } from "./readableArgs";
import type { WatchedEvent } from "./watchEvents";

export type AlertKind = "UNANNOUNCED_KEY" | "BACKDATED_CHANGE";

/** What an ALERT line says: its kind, the catalogue text (cli/i18n `alert.*`) and the facts it is filled from. */
export interface Alert {
  alert: AlertKind;
  message: "alert.UNANNOUNCED_KEY_ANCHOR" | "alert.UNANNOUNCED_KEY_ADDED" | "alert.BACKDATED_STATUS" | "alert.BACKDATED_KEY";
  facts: Record<string, string>;
}

/**
 * The ALERTs one event raises. A key the university has not announced is suspicious whether it anchors or is added
 * (a registrar's rotation needs no vote, so `SigningKeyAdded` is the first sign of a stolen key rotating itself in);
 * a status change or key retirement dated before its own block rewrites the past (SPEC §8.2) and is always worth a
 * human look. Re-emitted (reorged) events raise nothing.
 */
export function alertsOf(event: WatchedEvent, university: string, announced: AnnouncedKeys | undefined): Alert[] {
  if (event.reorged) return [];
  const { args } = event;
  const blockTime = Date.parse(event.time) / 1000;
  const base = { university, issuerId: args.issuerId ?? "", time: event.time };
  const readable = readableArgs(event.event, args);
  if (event.event === "BatchAnchored" && announced && !isAnnounced(announced, args.issuerId!, args.signer!)) {
    return [{ alert: "UNANNOUNCED_KEY", message: "alert.UNANNOUNCED_KEY_ANCHOR", facts: { ...base, key: args.signer!, root: args.root! } }];
  }
  if (event.event === "SigningKeyAdded" && announced && !isAnnounced(announced, args.issuerId!, args.key!)) {
    return [{ alert: "UNANNOUNCED_KEY", message: "alert.UNANNOUNCED_KEY_ADDED", facts: { ...base, key: args.key! } }];
  }
  if (event.event === "IssuerStatusChanged" && Number(args.effectiveFrom) < blockTime) {
    return [{ alert: "BACKDATED_CHANGE", message: "alert.BACKDATED_STATUS", facts: { ...base, status: readable.status!, effectiveFrom: readable.effectiveFrom! } }];
  }
  if (event.event === "SigningKeyRetired" && Number(args.validUntil) < blockTime) {
    return [{ alert: "BACKDATED_CHANGE", message: "alert.BACKDATED_KEY", facts: { ...base, key: args.key!, validUntil: readable.validUntil! } }];
  }
  return [];
}
