import { openApiDocument } from "./openApiDocument";

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Renders the OpenAPI document as a plain HTML page on the server: no CDN, no script, nothing for the CSP to allow. */
export function renderDocsPage(): string {
  const doc = openApiDocument;
  const sections = Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations as Record<string, { summary: string; description?: string; parameters?: { name: string; in: string }[]; responses: Record<string, { description: string }> }>).map(
      ([method, op]) => `
  <section id="${escape(`${method}-${path}`)}">
    <h2><code>${method.toUpperCase()} /api/v1${escape(path)}</code></h2>
    <p>${escape(op.summary)}</p>${op.description ? `\n    <p>${escape(op.description)}</p>` : ""}
    ${op.parameters?.length ? `<p>Parameters: ${op.parameters.map((p) => `<code>${escape(p.name)}</code> (${escape(p.in)})`).join(", ")}</p>` : ""}
    <ul>${Object.entries(op.responses).map(([status, response]) => `<li><code>${status}</code> ${escape(response.description)}</li>`).join("")}</ul>
  </section>`,
    ),
  );
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escape(doc.info.title)} — API</title><link rel="stylesheet" href="/api/v1/docs.css"></head>
<body>
  <main>
  <h1>${escape(doc.info.title)} <small>v${escape(doc.info.version)}</small></h1>
  <p>${escape(doc.info.description)}</p>
  <p>Machine-readable: <a href="/api/v1/openapi.json">openapi.json</a> (OpenAPI ${doc.openapi}). Health: <code>GET /healthz</code>; metrics: <code>GET /metrics</code>.</p>
  ${sections.join("\n")}
  </main>
</body>
</html>
`;
}

export const DOCS_CSS = `body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
section{border-top:1px solid #ddd;padding:.5rem 0}h2{font-size:1.05rem}code{background:#f3f3f3;padding:0 .2rem}`;
