import { beforeAll, describe, expect, it } from 'vitest'
import { type Client, orgWithOwner } from './support/client'

type Labels = Record<'interests' | 'goalAreas' | 'trainingModules', Record<string, Record<string, string>>>
type ProgramOut = { id: string; interests: string[]; labels: Labels }

let org: { slug: string; owner: Client }

beforeAll(async () => {
  org = await orgWithOwner('labels')
})

async function create(body: Record<string, unknown>) {
  const res = await org.owner.post(`/api/v1/orgs/${org.slug}/programs`, {
    name: 'Welcome Tandems',
    languages: ['de', 'ar'],
    ...body,
  })
  expect(res.status, await res.clone().text()).toBe(201)
  return (await res.json()) as ProgramOut
}

const patch = (id: string, body: Record<string, unknown>) =>
  org.owner.patch(`/api/v1/orgs/${org.slug}/programs/${id}`, body)

describe('a program’s names for its codes', () => {
  it('keeps names per vocabulary and language, without empty ones, and answers every vocabulary', async () => {
    const program = await create({
      interests: ['football', 'backgammon'],
      goalAreas: ['papers'],
      trainingModules: [{ id: 'safeguarding', title: 'Safeguarding basics' }],
      labels: {
        interests: { backgammon: { ar: 'طاولة', de: 'Backgammon', fa: '' } },
        trainingModules: { safeguarding: { ar: 'الحماية', uk: '  Захист  ' } },
      },
    })
    expect(program.labels).toEqual({
      interests: { backgammon: { ar: 'طاولة', de: 'Backgammon' } },
      goalAreas: {},
      trainingModules: { safeguarding: { ar: 'الحماية', uk: 'Захист' } },
    })
    const read = await org.owner.get(`/api/v1/orgs/${org.slug}/programs/${program.id}`)
    expect(((await read.json()) as ProgramOut).labels).toEqual(program.labels)
  })

  it('refuses names for codes the program does not list, and changes nothing', async () => {
    const program = await create({ interests: ['football'] })
    const res = await patch(program.id, {
      description: 'changed?',
      labels: { interests: { chess: { de: 'Schach' } }, goalAreas: { work: { ar: 'عمل' } } },
    })
    expect(res.status).toBe(400)
    const { errors } = (await res.json()) as { errors: { path: string; code: string }[] }
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ['labels.interests.chess', 'not-found'],
      ['labels.goalAreas.work', 'not-found'],
    ])
    const read = (await (await org.owner.get(`/api/v1/orgs/${org.slug}/programs/${program.id}`)).json()) as {
      description: string
    }
    expect(read.description).toBe('')
    // A code added in the same change may be named in it.
    const added = await patch(program.id, {
      interests: ['football', 'chess'],
      labels: { interests: { chess: { de: 'Schach' } } },
    })
    expect(added.status).toBe(200)
    expect(((await added.json()) as ProgramOut).labels.interests).toEqual({ chess: { de: 'Schach' } })
  })

  it('drops the names of a code taken off its list', async () => {
    const program = await create({
      interests: ['football', 'chess'],
      labels: { interests: { chess: { de: 'Schach' }, football: { de: 'Fußball' } } },
    })
    const res = await patch(program.id, { interests: ['football'] })
    expect(res.status).toBe(200)
    expect(((await res.json()) as ProgramOut).labels.interests).toEqual({ football: { de: 'Fußball' } })
  })

  it('refuses names that are too long, or for vocabularies it does not know', async () => {
    const program = await create({ interests: ['football'] })
    const res = await patch(program.id, {
      labels: { interests: { football: { de: 'F'.repeat(81) } }, neighborhoods: {} },
    })
    expect(res.status).toBe(400)
    const { errors } = (await res.json()) as { errors: { path: string; code: string }[] }
    expect(errors.map((e) => [e.path, e.code]).sort()).toEqual([
      ['labels.interests.football.de', 'too-long'],
      ['labels.neighborhoods', 'unknown-field'],
    ])
  })
})
