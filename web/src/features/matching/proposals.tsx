import { MAX_DECISIONS } from '@tandem/vocab'
import type { InferRequestType } from 'hono/client'
import { useEffect, useRef, useState } from 'preact/hooks'
import { useI18n } from '../../i18n/context'
import { Button } from '../../kit/button'
import { DataTable } from '../../kit/data-table'
import { LoadError, Loading } from '../../kit/load'
import { fresh, ok, params } from '../../lib/client'
import { describeError } from '../../lib/errors'
import { participantPath } from '../../lib/paths'
import { Explanation } from './explanation'
import { type Person, type Proposal, runRoute } from './matching'
import { RejectForm } from './reject-form'
import { type BoardList, useList } from './use-list'

type Decisions = InferRequestType<typeof runRoute.proposals.decisions.$post>['json']

/** Proposals shown at first and added by each "show more": a page the API reads straight from its index. */
export const PROPOSALS_PAGE = 100

/** The proposals still to decide: select and accept many, or accept or reject (with a reason) one. */
export function Proposals(props: BoardList & { runId: string; onDecided: (notice: string) => void }) {
  const { t, formatNumber } = useI18n()
  const param = params({ org: props.slug, program: props.programId, run: props.runId })
  const first = useList(`${props.slug}/${props.programId}/${props.runId}`, props.version, (signal) =>
    ok(
      runRoute.proposals.$get(
        { param, query: { status: 'proposed', limit: String(PROPOSALS_PAGE) } },
        fresh(signal),
      ),
    ),
  )
  // Pages after the first, appended by "show more"; a reload of the first page starts again.
  const [later, setLater] = useState<{ items: Proposal[]; nextCursor: string | null } | null>(null)
  useEffect(() => setLater(null), [first.items])
  const items = first.items && later ? [...first.items, ...later.items] : first.items
  const nextCursor = later ? later.nextCursor : (first.nextCursor ?? null)
  const loadError = first.error
  const [loadingMore, setLoadingMore] = useState(false)
  const showMore = async () => {
    if (!nextCursor) return
    setLoadingMore(true)
    setError(null)
    try {
      const page = await ok(
        runRoute.proposals.$get({
          param,
          query: { status: 'proposed', limit: String(PROPOSALS_PAGE), cursor: nextCursor },
        }),
      )
      setLater((l) => ({ items: [...(l?.items ?? []), ...page.items], nextCursor: page.nextCursor }))
    } catch (reason) {
      setError(describeError(reason, t))
    } finally {
      setLoadingMore(false)
    }
  }
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set())
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [rejecting, setRejecting] = useState<string | null>(null)
  const heading = useRef<HTMLHeadingElement>(null)

  // A reload drops selections of proposals that are gone.
  useEffect(() => {
    if (items) setSelected((s) => new Set(items.filter((p) => s.has(p.id)).map((p) => p.id)))
  }, [items])

  const decide = async (body: Decisions) => {
    setBusy(true)
    setError(null)
    try {
      let accepted = 0
      const accept = body.accept ?? []
      if (accept.length > 0) {
        // At most MAX_DECISIONS per request; each request is all or nothing.
        for (let i = 0; i < accept.length; i += MAX_DECISIONS) {
          const done = await ok(
            runRoute.proposals.decisions.$post({
              param,
              json: { accept: accept.slice(i, i + MAX_DECISIONS) },
            }),
          )
          accepted += done.accepted.length
        }
        props.onDecided(t('board.accepted', { count: accepted }))
      } else {
        await ok(runRoute.proposals.decisions.$post({ param, json: body }))
        props.onDecided(t('board.rejected'))
      }
      setRejecting(null)
      // The decided rows disappear with the focused button: keep keyboard users at the list.
      heading.current?.focus()
      return true
    } catch (reason) {
      setError(describeError(reason, t))
      return false
    } finally {
      setBusy(false)
    }
  }

  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s)
      if (on) next.add(id)
      else next.delete(id)
      return next
    })

  const person = (p: Person, testid: string) => (
    <a href={participantPath(props.slug, props.programId, p.id)} data-testid={testid}>
      <bdi>{p.displayName}</bdi>
    </a>
  )

  return (
    <section class="section" aria-labelledby="board-proposals-heading" data-testid="proposals">
      <h2 id="board-proposals-heading" ref={heading} tabIndex={-1}>
        {t('board.proposalsHeading')}
      </h2>
      {loadError ? <LoadError error={loadError} /> : null}
      {!items && !loadError && <Loading />}
      {items && items.length === 0 && <p data-testid="proposals-empty">{t('board.noProposals')}</p>}
      {error && (
        <p class="alert alert--error" role="alert" data-testid="decision-error">
          {error}
        </p>
      )}
      {items && items.length > 0 && (
        <>
          <div class="toolbar">
            <label class="choice">
              <input
                class="choice__input"
                type="checkbox"
                data-testid="select-all"
                checked={selected.size === items.length}
                onChange={(event) =>
                  setSelected(event.currentTarget.checked ? new Set(items.map((p) => p.id)) : new Set())
                }
              />
              <span>{t('board.selectAll')}</span>
            </label>
            <Button
              variant="primary"
              testid="accept-selected"
              busy={busy}
              disabled={selected.size === 0}
              onClick={() => decide({ accept: items.filter((p) => selected.has(p.id)).map((p) => p.id) })}
            >
              {busy ? t('board.accepting') : t('board.acceptSelected', { count: selected.size })}
            </Button>
          </div>
          <DataTable
            class="proposals"
            rows={items}
            rowKey={(p) => p.id}
            rowData={(p) => ({ 'data-testid': 'proposal', 'data-proposal': p.id })}
            columns={[
              {
                label: t('board.selectAll'),
                hideLabel: true,
                cell: (p) => (
                  <input
                    type="checkbox"
                    class="choice__input"
                    data-testid="proposal-select"
                    checked={selected.has(p.id)}
                    aria-label={t('board.select', {
                      mentee: p.mentee.displayName,
                      mentor: p.mentor.displayName,
                    })}
                    onChange={(event) => toggle(p.id, event.currentTarget.checked)}
                  />
                ),
              },
              { label: t('board.mentee'), cell: (p) => person(p.mentee, 'proposal-mentee') },
              { label: t('board.mentor'), cell: (p) => person(p.mentor, 'proposal-mentor') },
              {
                label: t('board.score'),
                cell: (p) => (
                  <>
                    <span data-testid="proposal-score">
                      {t('board.scoreValue', { score: formatNumber(p.score, { maximumFractionDigits: 1 }) })}
                    </span>
                    <Explanation proposal={p} />
                  </>
                ),
              },
              {
                label: t('board.actions'),
                cell: (p) =>
                  rejecting === p.id ? (
                    <RejectForm
                      proposal={p}
                      busy={busy}
                      onCancel={() => setRejecting(null)}
                      onReject={(reason) => decide({ reject: [{ id: p.id, reason }] })}
                    />
                  ) : (
                    <div class="actions">
                      <Button
                        variant="primary"
                        small
                        testid="proposal-accept"
                        disabled={busy}
                        onClick={() => decide({ accept: [p.id] })}
                      >
                        {t('board.accept')}
                      </Button>
                      <Button
                        small
                        testid="proposal-reject"
                        disabled={busy}
                        onClick={() => {
                          setError(null)
                          setRejecting(p.id)
                        }}
                      >
                        {t('board.reject')}
                      </Button>
                    </div>
                  ),
              },
            ]}
          />
          {nextCursor && (
            <Button testid="proposals-more" busy={loadingMore} onClick={showMore}>
              {t('board.moreProposals')}
            </Button>
          )}
        </>
      )}
    </section>
  )
}
