#!/usr/bin/env node
console.log('acme tool')
