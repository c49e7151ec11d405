#!/usr/bin/env node
// Measures the gas of DanKu's on-chain evaluation on Hardhat's in-process EVM (Cancun rules, the committed
// DanKu.json bytecode) and prints how the largest test set that fits one 30M-gas block shrinks as the model grows.
// One market per (features, classes, rows) point, one open submission; the gas measured is revealTest's whole
// transaction (hash check of the group plus scoring the submission on every row). With k submissions a reveal scores
// every one of them: divide the rows by k. The largest group is extrapolated from the 2- and 6-row points and then
// measured on the node (a transaction may use the whole block).
// Usage: node scripts/danku-gas.cjs [--fit]   (--fit also prints every measured point)
'use strict';
const path = require('path');
const { Interface } = require('@ethersproject/abi');
const { keccak256 } = require('@ethersproject/keccak256');

process.chdir(path.resolve(__dirname, '..'));
const hre = require('hardhat');
const artifact = require('../simulator/ledger-ethereum/src/main/resources/io/chainfl/ledger/ethereum/contracts/DanKu.json');
const iface = new Interface(artifact.abi);
const BLOCK_GAS = 30_000_000;

function word(v) {
  return (BigInt.asUintN(256, BigInt(v))).toString(16).padStart(64, '0');
}

function groupHash(salt, rows) {
  return keccak256('0x' + salt.slice(2) + rows.map(word).join(''));
}

async function main() {
  const provider = hre.network.provider;
  const [from] = await provider.request({ method: 'eth_accounts' });
  const send = async (to, data) => {
    const hash = await provider.request({ method: 'eth_sendTransaction', params: [{ from, to, data, gas: '0x' + (BLOCK_GAS).toString(16) }] });
    const receipt = await provider.request({ method: 'eth_getTransactionReceipt', params: [hash] });
    if (receipt.status !== '0x1') throw new Error('reverted: ' + data.slice(0, 10));
    return { gas: Number(BigInt(receipt.gasUsed)), address: receipt.contractAddress };
  };
  const { address } = await send(undefined, artifact.bytecode);
  const org = keccak256(Buffer.from('organizer'));
  await send(address, iface.encodeFunctionData('credit', [org, 1_000_000n]));
  let market = 0n;

  async function measure(features, classes, samples) {
    market++;
    const width = features + 1;
    const rows = [];
    for (let s = 0; s < samples; s++) {
      for (let j = 0; j < features; j++) rows.push(((s * 31 + j * 7) % 2001) - 1000);
      rows.push(s % classes);
    }
    // two groups with the same rows under different salts: whichever the contract picks as the test group holds them
    const salts = ['0x' + '11'.repeat(32), '0x' + '22'.repeat(32)];
    const terms = [1n, BigInt(features), BigInt(classes), 0n, 100n, 200n, 0n];
    await send(address, iface.encodeFunctionData('create', [market, org, 1n, salts.map((x) => groupHash(x, rows)), terms]));
    const start = Number(iface.decodeFunctionResult('testStartOf',
      await provider.request({ method: 'eth_call', params: [{ to: address, data: iface.encodeFunctionData('testStartOf', [market]) }, 'latest'] }))[0]);
    await send(address, iface.encodeFunctionData('revealTraining', [market, 1 - start, salts[1 - start], rows]));
    const weights = [];
    for (let i = 0; i < classes * width; i++) weights.push(((i * 13) % 401) - 200);
    await send(address, iface.encodeFunctionData('submit', [market, keccak256(Buffer.from('s')), weights, 0n]));
    const { gas } = await send(address, iface.encodeFunctionData('revealTest', [market, start, salts[start], rows, 150n]));
    return gas;
  }

  const fit = process.argv.includes('--fit');
  const shapes = [[8, 2], [16, 4], [49, 10], [64, 10], [128, 10], [256, 10], [784, 10]];
  console.log('| model (features x classes) | weights | gas, 2 rows | gas, 6 rows | gas per row | largest test group in 30M gas |');
  console.log('|---|---|---|---|---|---|');
  for (const [f, c] of shapes) {
    const g10 = await measure(f, c, 2);
    const g40 = await measure(f, c, 6);
    const perSample = (g40 - g10) / 4;
    const fixed = g10 - 2 * perSample;
    let largest = Math.floor((BLOCK_GAS - fixed) / perSample);
    // confirm on the node: the largest set fits, one more sample's worth of rows would not (or the call is refused)
    let confirmed = '';
    try {
      const g = await measure(f, c, largest);
      confirmed = g <= BLOCK_GAS ? '' : ' (unconfirmed)';
    } catch (e) {
      largest = Math.floor(largest * 0.97);
      confirmed = ' (3% below the fit: the fit point ran out of gas)';
    }
    console.log(`| ${f} x ${c} | ${c * (f + 1)} | ${g10} | ${g40} | ${Math.round(perSample)} | ${largest}${confirmed} |`);
    if (fit) console.log(`  fixed ${Math.round(fixed)}, per sample ${perSample.toFixed(1)}, per sample and weight ${(perSample / (c * (f + 1))).toFixed(2)}`);
  }
}

main().then(() => process.exit(0), (e) => { console.error(e.message); process.exit(1); });
