import helmet from "helmet";

/**
 * Helmet's headers with the service's content security policy: scripts, styles and connections to this origin only.
 * A page that must reach another origin from the browser (the inbox reaching the chain's RPC node) names it in
 * `connectTo`, for its own paths only.
 */
export function securityHeaders(connectTo: readonly string[] = []) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'", ...connectTo],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
}
