/** A list with `item` added (`on`, once: no repeats) or taken out. */
export const toggled = <T>(list: readonly T[], item: T, on: boolean): T[] =>
  on ? (list.includes(item) ? [...list] : [...list, item]) : list.filter((x) => x !== item)

/** The field paths of a list's rows, for field errors: `rowPaths('languages', rows, ['code'])` → `languages.0.code`, … */
export const rowPaths = (list: string, rows: readonly unknown[], fields: readonly string[]) =>
  rows.flatMap((_, i) => fields.map((field) => `${list}.${i}.${field}`))

/** A list of languages with a level each (`languages.<i>.code`, `languages.<i>.level`). */
export const languageRowPaths = (rows: readonly unknown[]) => rowPaths('languages', rows, ['code', 'level'])
