/**
 * Names credential files after student ids for a folder or an archive, one name per graduate. A name can never
 * escape its folder, and names stay distinct even where two student ids map to the same safe name or differ only
 * in case (`S/1`, `S_1`, `s_1`): a repeated name would hand one graduate's credential to another when the folder is
 * written, unzipped, or copied to a case-insensitive file system. `reserved` names (e.g. the batch report's) are
 * never handed out.
 */
export function credentialFileNamer(reserved: readonly string[] = []): (studentId: string) => string {
  const taken = new Set(reserved.map((name) => name.toLowerCase()));
  return (studentId) => {
    const base = studentId.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+/, "_");
    let name = `${base}.json`;
    for (let n = 2; taken.has(name.toLowerCase()); n += 1) name = `${base}-${n}.json`;
    taken.add(name.toLowerCase());
    return name;
  };
}
