/** An ISO time this many minutes after another, in ISO form. */
export const addMinutes = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();
