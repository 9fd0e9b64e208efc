import transform from '../../transforms/prisma-singleton.js'
import { defineFixtureTests } from '../helpers/fixtures.js'

defineFixtureTests(transform)
