import { strFromU8, unzipSync } from "fflate";

/**
 * One claim code for `npm start` to print, read the way a registrar gets them: the university's latest award batch
 * downloaded through the API (which issues that batch's codes), its claim-code CSV read for the first graduate.
 */
export async function sampleClaimCode(serviceUrl: string, apiKey: string): Promise<{ studentId: string; code: string } | undefined> {
  const headers = { authorization: `Bearer ${apiKey}` };
  const list = (await (await fetch(`${serviceUrl}/api/v1/batches?limit=1&kind=award`, { headers })).json()) as { items: { id: string }[] };
  const batch = list.items[0];
  if (batch === undefined) return undefined;
  const zip = await fetch(`${serviceUrl}/api/v1/batches/${batch.id}/credentials`, { headers });
  if (!zip.ok) return undefined;
  const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
  const csv = Object.entries(files).find(([name]) => name.endsWith("-claim-codes.csv"))?.[1];
  // The service writes this CSV itself: quoted cells, no quotes inside a student id or a code.
  const first = csv === undefined ? undefined : strFromU8(csv).split("\r\n")[1]?.split(",").map((cell) => cell.replace(/^"|"$/g, ""));
  return first?.[0] === undefined || first[1] === undefined ? undefined : { studentId: first[0], code: first[1] };
}
