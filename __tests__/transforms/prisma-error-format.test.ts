import transform from '../../transforms/prisma-error-format.js'
import { defineFixtureTests } from '../helpers/fixtures.js'

defineFixtureTests(transform)
