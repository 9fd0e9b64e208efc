console.log('backfilling orders')
