module.exports = function report(rows) {
  console.log('rows', rows.length)
}
