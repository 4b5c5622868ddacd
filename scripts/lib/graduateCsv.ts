/**
 * A graduate CSV of `rows` synthetic rows in the upload format (docs/ISSUER-SERVICE.md), for measurements and load
 * runs. Student ids are `<prefix><row number>`: give each batch of one run its own prefix to keep them unique.
 */
export function graduateCsv(rows: number, prefix = "M"): string {
  const header = "student_id,name_en,name_zh,degree_en,degree_zh,major_en,major_zh,honours,award_date,gpa,date_of_birth";
  const lines = Array.from(
    { length: rows },
    (_, i) =>
      `${prefix}${String(i + 1).padStart(7, "0")},Graduate Number ${i + 1},畢業生${i + 1},Bachelor of Science,理學士,Chemistry,化學,Second Class Honours (Upper Division),2025-06-30,3.${String(i % 100).padStart(2, "0")},2003-04-01`,
  );
  return `${header}\n${lines.join("\n")}\n`;
}
