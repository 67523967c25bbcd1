import { beforeAll, describe, expect, it } from 'vitest'
import { type Client, orgWithOwner, problemOf } from './support/client'

type CreateBody = Parameters<Client['org']['programs']['$post']>[0]['json']
type UpdateBody = Parameters<Client['org']['programs'][':program']['$patch']>[0]['json']

let org: { slug: string; owner: Client }

beforeAll(async () => {
  org = await orgWithOwner('labels')
})

async function create(body: Omit<CreateBody, 'name' | 'languages'>) {
  const res = await org.owner.org.programs.$post({
    param: { org: org.slug },
    json: { name: 'Welcome Tandems', languages: ['de', 'ar'], ...body },
  })
  expect(res.status, await res.clone().text()).toBe(201)
  return await res.json()
}

const patch = (id: string, body: UpdateBody) =>
  org.owner.org.programs[':program'].$patch({ param: { org: org.slug, program: id }, json: body })
const read = (id: string) =>
  org.owner.org.programs[':program'].$get({ param: { org: org.slug, program: id } })

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
    const readBack = await read(program.id)
    expect((await readBack.json()).labels).toEqual(program.labels)
  })

  it('refuses names for codes the program does not list, and changes nothing', async () => {
    const program = await create({ interests: ['football'] })
    const res = await patch(program.id, {
      description: 'changed?',
      labels: { interests: { chess: { de: 'Schach' } }, goalAreas: { work: { ar: 'عمل' } } },
    })
    expect(res.status).toBe(400)
    const { errors } = await problemOf(res)
    expect(errors?.map((e) => [e.path, e.code])).toEqual([
      ['labels.interests.chess', 'not-found'],
      ['labels.goalAreas.work', 'not-found'],
    ])
    const unchanged = await (await read(program.id)).json()
    expect(unchanged.description).toBe('')
    // A code added in the same change may be named in it.
    const added = await patch(program.id, {
      interests: ['football', 'chess'],
      labels: { interests: { chess: { de: 'Schach' } } },
    })
    expect(added.status).toBe(200)
    expect((await added.json()).labels.interests).toEqual({ chess: { de: 'Schach' } })
  })

  it('drops the names of a code taken off its list', async () => {
    const program = await create({
      interests: ['football', 'chess'],
      labels: { interests: { chess: { de: 'Schach' }, football: { de: 'Fußball' } } },
    })
    const res = await patch(program.id, { interests: ['football'] })
    expect(res.status).toBe(200)
    expect((await res.json()).labels.interests).toEqual({ football: { de: 'Fußball' } })
  })

  it('refuses names that are too long, or for vocabularies it does not know', async () => {
    const program = await create({ interests: ['football'] })
    // Raw: a vocabulary the types do not know.
    const res = await org.owner.patch(`/api/v1/orgs/${org.slug}/programs/${program.id}`, {
      labels: { interests: { football: { de: 'F'.repeat(81) } }, neighborhoods: {} },
    })
    expect(res.status).toBe(400)
    const { errors } = await problemOf(res)
    expect(errors?.map((e) => [e.path, e.code]).sort()).toEqual([
      ['labels.interests.football.de', 'too-long'],
      ['labels.neighborhoods', 'unknown-field'],
    ])
  })
})
