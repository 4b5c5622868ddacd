/** OB 3.0 `ResultType`s the exports use. */
export type VcResultType = "GradePointAverage" | "LetterGrade" | "RawScore" | "Result" | "Status";

/** OB 3.0 `ResultStatusType`s a transcript's status maps to. */
export type VcResultStatus = "Completed" | "InProgress" | "Withdrew";

export interface VcResultDescription {
  id: string;
  type: ["ResultDescription"];
  name: string;
  resultType: VcResultType;
}

export interface VcResult {
  type: ["Result"];
  resultDescription: string;
  value?: string;
  status?: VcResultStatus;
}

/** Results of one achievement, each declared by a `ResultDescription` of the achievement and given by a `Result`. */
export interface VcResults {
  descriptions: VcResultDescription[];
  results: VcResult[];
  /** Adds `<achievementId>/<key>`; a value that is undefined (a hidden claim) adds nothing. */
  add(key: string, name: string, resultType: VcResultType, value: string | undefined, status?: VcResultStatus): void;
}

export function vcResults(achievementId: string): VcResults {
  const descriptions: VcResultDescription[] = [];
  const results: VcResult[] = [];
  return {
    descriptions,
    results,
    add(key, name, resultType, value, status) {
      if (value === undefined && status === undefined) return;
      const id = `${achievementId}/${key}`;
      descriptions.push({ id, type: ["ResultDescription"], name, resultType });
      results.push({ type: ["Result"], resultDescription: id, ...(value === undefined ? {} : { value }), ...(status === undefined ? {} : { status }) });
    },
  };
}
