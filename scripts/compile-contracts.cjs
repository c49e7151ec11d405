#!/usr/bin/env node
// Compiles the ledger contracts with solc-js (standard JSON: evmVersion paris, optimizer 200 runs) and writes
// {abi, bytecode, solcVersion, sourceSha256} per contract next to the Java backend's resources.
// --check: compile and compare with the committed JSON instead of writing; exits 1 on any mismatch.
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const solc = require('solc');

const root = path.resolve(__dirname, '..');
const sourceDir = path.join(root, 'simulator/ledger-ethereum/src/main/solidity');
const outDir = path.join(root, 'simulator/ledger-ethereum/src/main/resources/io/chainfl/ledger/ethereum/contracts');
const CONTRACTS = ['BulletinBoard', 'Election', 'Escrow', 'GradientExchange', 'DanKu', 'RewardPool', 'ProofOfLearning'];
const check = process.argv.includes('--check');

const sources = {};
for (const name of CONTRACTS) {
  sources[`${name}.sol`] = { content: fs.readFileSync(path.join(sourceDir, `${name}.sol`), 'utf8') };
}
const input = {
  language: 'Solidity',
  sources,
  settings: {
    evmVersion: 'paris',
    optimizer: { enabled: true, runs: 200 },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
for (const e of output.errors || []) {
  console.error(e.formattedMessage || e.message);
}
if (errors.length > 0) {
  process.exit(2);
}

let mismatches = 0;
fs.mkdirSync(outDir, { recursive: true });
for (const name of CONTRACTS) {
  const compiled = output.contracts[`${name}.sol`][name];
  const artifact = {
    contractName: name,
    abi: compiled.abi,
    bytecode: '0x' + compiled.evm.bytecode.object,
    solcVersion: solc.version(),
    sourceSha256: crypto.createHash('sha256').update(sources[`${name}.sol`].content, 'utf8').digest('hex'),
  };
  const text = JSON.stringify(artifact, null, 2) + '\n';
  const file = path.join(outDir, `${name}.json`);
  if (check) {
    const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (committed !== text) {
      console.error(`${path.relative(root, file)} does not match ${name}.sol: run node scripts/compile-contracts.cjs`);
      mismatches++;
    }
  } else {
    fs.writeFileSync(file, text);
    console.log(`wrote ${path.relative(root, file)} (${compiled.evm.bytecode.object.length / 2} bytes of init code)`);
  }
}
if (check) {
  console.log(mismatches === 0 ? 'contracts: committed artifacts match the sources' : `contracts: ${mismatches} stale artifact(s)`);
}
process.exit(mismatches === 0 ? 0 : 1);
