console.log('in a test')
