/** Every absolute http(s) link in an email's HTML hrefs and text, in order, without duplicates. */
export function extractLinks(html: string, text: string): string[] {
  const found = new Set<string>()
  for (const m of html.matchAll(/href="(https?:\/\/[^"]+)"/g))
    if (m[1]) found.add(m[1].replaceAll('&amp;', '&'))
  for (const m of text.matchAll(/https?:\/\/[^\s<>"')]+/g)) found.add(m[0])
  return [...found]
}
