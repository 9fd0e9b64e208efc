// errorFormat here configures something else, not Prisma.
export const reporter = createReporter({ errorFormat: 'pretty' })
