import type { Transform } from '../src/types.js'
import cloudbuildCloudrun from './cloudbuild-cloudrun.js'
import consoleLogger from './console-logger.js'
import gitignoreEnv from './gitignore-env.js'
import healthCheck from './health-check.js'
import poolParams from './pool-params.js'
import prismaErrorFormat from './prisma-error-format.js'
import prismaShutdown from './prisma-shutdown.js'
import prismaSingleton from './prisma-singleton.js'
import secrets from './secrets.js'

/**
 * Every transform, in the order they run. The order matters where fixes meet: .gitignore is
 * fixed before secrets stops tracking an ignored file; .env.example exists before pool
 * parameters are added to it; the singleton exists before shutdown and health checks import it.
 */
export const transforms: readonly Transform[] = [
  gitignoreEnv,
  secrets,
  poolParams,
  cloudbuildCloudrun,
  prismaSingleton,
  prismaErrorFormat,
  prismaShutdown,
  healthCheck,
  consoleLogger,
]
