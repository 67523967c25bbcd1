import ICAL from 'ical.js'
import { describe, expect, it } from 'vitest'
import { escapeText, foldLine, nextDay, utcStamp, writeCalendar } from './ical'

const octets = (s: string) => new TextEncoder().encode(s).length

describe('the iCalendar writer', () => {
  it('escapes TEXT values', () => {
    expect(escapeText('a\\b;c,d\r\ne\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf')
  })

  it('folds at 75 octets without splitting a character, and unfolds to the same line', () => {
    for (const line of [
      `SUMMARY:${'x'.repeat(200)}`,
      `SUMMARY:${'لقاء '.repeat(40)}`,
      `SUMMARY:${'🙂'.repeat(50)}`,
    ]) {
      const folded = foldLine(line)
      for (const part of folded.split('\r\n')) expect(octets(part)).toBeLessThanOrEqual(75)
      expect(folded.replaceAll('\r\n ', '')).toBe(line)
    }
    expect(foldLine('SHORT:line')).toBe('SHORT:line')
  })

  it('writes UTC instants and whole days a parser reads back', () => {
    expect(utcStamp(new Date('2026-11-02T17:05:09.123Z'))).toBe('20261102T170509Z')
    expect(nextDay('2026-12-31')).toBe('2027-01-01')
    const text = writeCalendar({ name: 'Test, calendar', now: new Date('2026-12-06T10:00:00Z') }, [
      { uid: 'a@x', sequence: 2, start: '2026-12-24', end: '2026-12-25', summary: 'Day; off' },
    ])
    const vevent = new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')
    if (!vevent) throw new Error('no VEVENT')
    const event = new ICAL.Event(vevent)
    expect(event.summary).toBe('Day; off')
    expect(event.startDate.isDate).toBe(true)
    expect(event.startDate.toString()).toBe('2026-12-24')
    expect(event.sequence).toBe(2)
  })
})
