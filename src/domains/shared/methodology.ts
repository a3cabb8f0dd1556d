/**
 * The version of the definitions Cascade's figures are computed under: a date, moved whenever a
 * served figure changes for the same stored data (a venue field read correctly, a definition
 * brought to its standard, a look-ahead removed). docs/changes.md, "Changes to served figures",
 * lists what each version changed. Every response carries it in `extensions.methodologyVersion`,
 * so a client that stored older answers can tell they were computed differently.
 */
export const methodologyVersion = '2026-12-04';

/** The response extensions every answer carries (HTTP, the fast path and WebSocket alike). */
export const responseExtensions: Readonly<{ methodologyVersion: string }> = Object.freeze({ methodologyVersion });

/** `extensions` of a result with the methodology version added (a result's own extensions kept). */
export function withResponseExtensions(extensions: Record<string, unknown> | undefined): Record<string, unknown> {
  return extensions ? { ...extensions, ...responseExtensions } : responseExtensions;
}
