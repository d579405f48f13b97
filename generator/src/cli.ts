console.log('generator: not yet');
