export function report(rows, job) {
  console.table(rows)
  console.time('report')
  job.then(console.log).catch(console.error)
  // console.log('done', rows.length)
  console.timeEnd('report')
}
