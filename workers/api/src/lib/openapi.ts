import { resolver } from 'hono-openapi'
import type * as v from 'valibot'

export const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
})

export const jsonResponse = <S extends v.GenericSchema>(description: string, schema: S) => ({
  description,
  content: { 'application/json': { schema: resolver(schema) } },
})
