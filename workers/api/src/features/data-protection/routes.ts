import { participantFactory, tenantFactory } from '../../factory'
import { attachment, attachmentHeaders } from '../../lib/download'
import { noteKeyOf } from '../../lib/notes'
import { jsonResponse, problem } from '../../lib/openapi'
import { ParticipantParam } from '../../lib/params'
import { validate } from '../../lib/validate'
import { guard } from '../../middleware/guard'
import { OrgParam } from '../orgs/schema'
import { PurposeQuery } from '../participants/schema'
import {
  ArchiveOut,
  ConfirmBody,
  ErasureOut,
  ParticipantExportOut,
  RetentionBody,
  RetentionOut,
} from './schema'
import {
  archiveStream,
  auditArchive,
  eraseParticipant,
  exportParticipant,
  requestDeletion,
  retentionOut,
  updateRetention,
} from './service'

/** A participant's rights: mounted at …/participants/:participant beside their other rooms. */
export const participantRightsRoutes = participantFactory
  .createApp()
  .get(
    '/data-export',
    guard('participants:rights', {
      tags: ['data protection'],
      summary: 'Everything held about the participant, as JSON (audited with the purpose given)',
      description:
        'One key per table that holds something about the person (decision 032), with protected fields, notes about them and their own end-request note opened: it is their data. Account secrets (token and code hashes) are left out.',
      responses: {
        200: jsonResponse('The export (attachment)', ParticipantExportOut),
      },
    }),
    validate('param', ParticipantParam),
    validate('query', PurposeQuery),
    async (c) => {
      const data = await exportParticipant(
        c.var.scope,
        c.var.db.control(),
        noteKeyOf(c.var.config),
        c.var.participant,
        c.req.valid('query').purpose,
      )
      return c.json(data, 200, {
        'Content-Disposition': attachment(`participant-${c.var.participant.id}.json`),
        'Cache-Control': 'no-store',
      })
    },
  )
  .post(
    '/erasure',
    guard('participants:rights', {
      tags: ['data protection'],
      summary: 'Erase the participant (irreversible; `confirm` repeats their name)',
      description:
        'Personal data is deleted; their rows in tandems, meetings, goals, events and the email log stay as anonymous rows so the program’s counts stay; email that names them loses its subject and body; their portal account (when it belongs to no other organization) and its sessions are deleted. The audit entry holds ids only.',
      responses: {
        200: jsonResponse('Erased', ErasureOut),
        400: problem('The confirmation does not repeat the name'),
      },
    }),
    validate('param', ParticipantParam),
    validate('json', ConfirmBody),
    async (c) =>
      c.json(
        await eraseParticipant(
          c.var.scope,
          c.var.db.control(),
          c.var.tenant,
          c.var.participant,
          c.req.valid('json').confirm,
        ),
      ),
  )

/** The organization's data-protection settings, archive and deletion: mounted at /orgs/:org. */
export const orgDataRoutes = tenantFactory
  .createApp()
  .get(
    '/data-protection',
    guard('data:manage', {
      tags: ['data protection'],
      summary: 'How long personal data is kept (retention), and whether deletion was asked for',
      responses: { 200: jsonResponse('The settings', RetentionOut) },
    }),
    validate('param', OrgParam),
    (c) => c.json(retentionOut(c.var.tenant)),
  )
  .put(
    '/data-protection',
    guard('data:manage', {
      tags: ['data protection'],
      summary: 'Set the retention periods (null keeps until erased by hand); audited',
      description:
        '`exitedParticipantMonths`: months after their exit (their last change while exited) when the scheduled job erases a participant. `emailLogDays`: days after which an email’s log entry is deleted (bodies go a day after delivery anyway).',
      responses: { 200: jsonResponse('The settings', RetentionOut) },
    }),
    validate('param', OrgParam),
    validate('json', RetentionBody),
    async (c) =>
      c.json(await updateRetention(c.var.scope, c.var.db.control(), c.var.tenant, c.req.valid('json'))),
  )
  .get(
    '/archive',
    guard('data:manage', {
      tags: ['data protection'],
      summary: 'The whole organization as one JSON archive (streamed; audited with the purpose given)',
      description:
        'Every table’s rows of this organization (decision 032), sealed fields opened, account secrets left out; streamed a page at a time, so its size is not bounded by memory.',
      responses: { 200: jsonResponse('The archive (attachment)', ArchiveOut) },
    }),
    validate('param', OrgParam),
    validate('query', PurposeQuery),
    async (c) => {
      const control = c.var.db.control()
      await auditArchive(c.var.scope, control, c.var.tenant, c.req.valid('query').purpose)
      const body = archiveStream(control, c.var.tdb, c.var.tenant, noteKeyOf(c.var.config), c.var.scope.now)
      return c.body(
        body,
        200,
        attachmentHeaders('application/json; charset=utf-8', `${c.var.tenant.slug}-archive.json`),
      )
    },
  )
  .post(
    '/deletion',
    guard('data:manage', {
      tags: ['data protection'],
      summary: 'Delete the organization and everything in it (irreversible; `confirm` repeats its address)',
      description:
        'Accepted at once; the scheduled job deletes every row of the organization within a minute or two (accounts that belong to no other organization too). Export the archive first.',
      responses: {
        202: jsonResponse('Deletion accepted', RetentionOut),
        400: problem('The confirmation does not repeat the address'),
      },
    }),
    validate('param', OrgParam),
    validate('json', ConfirmBody),
    async (c) => {
      const control = c.var.db.control()
      const { deletionRequestedAt } = await requestDeletion(
        c.var.scope,
        control,
        c.var.tenant,
        c.req.valid('json').confirm,
      )
      return c.json({ ...retentionOut(c.var.tenant), deletionRequestedAt }, 202)
    },
  )
