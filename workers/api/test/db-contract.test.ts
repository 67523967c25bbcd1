import { env } from 'cloudflare:workers'
import { d1Database } from '@tandem/db'
import { repositoryContract } from '@tandem/db/contract'

// The repository contract on D1, inside workerd, migrated by the setup file.
repositoryContract('D1 (workerd)', () => d1Database(env.DB))
