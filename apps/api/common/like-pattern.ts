/**
 * An ILIKE pattern (used with `ESCAPE '\'`) that finds `text` anywhere, matching its % _ and \
 * literally, so a search for "100%" is not a wildcard.
 */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
