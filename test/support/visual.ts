import type { Locator, Page } from 'playwright-core'

/**
 * Checks on what the browser really draws: the contrast of an element's text against the background behind
 * it (WCAG 2 relative luminance, from computed styles), and words that the layout split across lines.
 */

/** The WCAG contrast ratio of an element's text colour against its effective background, in its current state. */
export function contrastOf(locator: Locator): Promise<{ ratio: number; color: string; background: string }> {
  return locator.evaluate((element) => {
    const parse = (value: string) => {
      const m = /rgba?\(([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:[ ,/]+([\d.]+))?\)/.exec(value)
      if (!m) throw new Error(`not an rgb() colour: ${value}`)
      return { r: Number(m[1]), g: Number(m[2]), b: Number(m[3]), a: m[4] === undefined ? 1 : Number(m[4]) }
    }
    type Rgba = ReturnType<typeof parse>
    // Composite a (possibly translucent) colour over an opaque one.
    const over = (top: Rgba, below: Rgba): Rgba => ({
      r: top.r * top.a + below.r * (1 - top.a),
      g: top.g * top.a + below.g * (1 - top.a),
      b: top.b * top.a + below.b * (1 - top.a),
      a: 1,
    })
    // The backgrounds from the page down to the element, composited in order.
    const layers: Rgba[] = []
    for (let node: Element | null = element; node; node = node.parentElement)
      layers.unshift(parse(getComputedStyle(node).backgroundColor))
    let background: Rgba = { r: 255, g: 255, b: 255, a: 1 }
    for (const layer of layers) background = over(layer, background)
    const color = over(parse(getComputedStyle(element).color), background)
    const luminance = (c: Rgba) => {
      const channel = (v: number) => {
        const s = v / 255
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
      }
      return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
    }
    const [hi, lo] = [luminance(color), luminance(background)].sort((x, y) => y - x) as [number, number]
    const css = (c: Rgba) => `rgb(${Math.round(c.r)}, ${Math.round(c.g)}, ${Math.round(c.b)})`
    return { ratio: (hi + 0.05) / (lo + 0.05), color: css(color), background: css(background) }
  })
}

/**
 * The words inside `selector` that the layout broke across two lines (each word of each text node is measured
 * with a Range: one line box, one rectangle). User data in `<bdi>` is left out: a long email may wrap anywhere.
 */
export function brokenWords(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const broken: string[] = []
    for (const root of Array.from(document.querySelectorAll(selector))) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement?.closest('bdi, code')) continue
        const text = node.textContent ?? ''
        for (const match of text.matchAll(/\S+/g)) {
          const range = document.createRange()
          range.setStart(node, match.index)
          range.setEnd(node, match.index + match[0].length)
          const lines = new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top)))
          if (lines.size > 1) broken.push(match[0])
        }
      }
    }
    return broken
  }, selector)
}
