/** `{field}` placeholders of a template text. */
export const PLACEHOLDER = /\{([a-z][A-Za-z0-9]{0,31})\}/g;
