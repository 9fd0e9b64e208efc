console.log('one-off')
