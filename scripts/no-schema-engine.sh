#!/bin/sh
# Stand-in for Prisma's schema-engine binary, which cannot be downloaded offline.
# `prisma generate` only needs the path to exist; any CLI command that would
# really run the engine (migrate, db push) fails loudly here instead of
# printing success while doing nothing.
echo "The Prisma schema-engine binary is not available. Use 'npm run db:migrate' or 'npm run db:migration -- <name>'." >&2
exit 1
