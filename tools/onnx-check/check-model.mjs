// Independent check of an EiRnnPipeline model file with onnxruntime-node (no project code involved):
// loads the model, feeds zeros and then seeded standard-normal noise to every non-initializer input
// (symbolic dims: B = batch, T = steps, others 1), prints the output shapes and fails (exit 1) on
// non-finite outputs or outputs whose leading dims are not [B, T] / [B].
// Usage: node check-model.mjs MODEL.onnx [--batch B] [--steps T]
// Note: onnxruntime-node cannot override initializer-backed inputs (dt, sigma_in, sigma_rec), so
// the model runs with its stored defaults.
import * as ort from 'onnxruntime-node';

function parseArgs(argv) {
  const args = { model: null, batch: 4, steps: 50 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--batch') args.batch = Number(argv[++i]);
    else if (argv[i] === '--steps') args.steps = Number(argv[++i]);
    else if (!args.model) args.model = argv[i];
    else throw new Error(`unexpected argument ${argv[i]}`);
  }
  if (!args.model) throw new Error('usage: node check-model.mjs MODEL.onnx [--batch B] [--steps T]');
  if (!(args.batch >= 1 && args.steps >= 1)) throw new Error('--batch and --steps must be >= 1');
  return args;
}

// mulberry32 + Box-Muller: a small seeded generator, so runs are repeatable.
function normalSource(seed) {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

function feedsFor(session, { batch, steps }, fill) {
  const feeds = {};
  for (const meta of session.inputMetadata) {
    if (!meta.isTensor) throw new Error(`input ${meta.name} is not a tensor`);
    const dims = meta.shape.map((d) => (d === 'B' ? batch : d === 'T' ? steps : typeof d === 'number' && d > 0 ? d : 1));
    const size = dims.reduce((p, d) => p * d, 1);
    const data = new Float32Array(size);
    for (let i = 0; i < size; i++) data[i] = fill();
    feeds[meta.name] = new ort.Tensor('float32', data, dims);
  }
  return feeds;
}

function check(name, results, { batch, steps }) {
  let ok = true;
  for (const [out, tensor] of Object.entries(results)) {
    let bad = 0, min = Infinity, max = -Infinity;
    for (const v of tensor.data) {
      if (!Number.isFinite(v)) bad++;
      else { if (v < min) min = v; if (v > max) max = v; }
    }
    const lead = tensor.dims.length === 3 ? [batch, steps] : [batch];
    const shapeOk = lead.every((d, i) => tensor.dims[i] === d);
    ok &&= bad === 0 && shapeOk;
    console.log(`  ${name.padEnd(6)} ${out.padEnd(7)} [${tensor.dims.join(', ')}]${shapeOk ? '' : ' (UNEXPECTED SHAPE)'} ` +
      `min ${min.toPrecision(4)} max ${max.toPrecision(4)}${bad ? ` NON-FINITE ${bad}` : ''}`);
  }
  return ok;
}

const args = parseArgs(process.argv.slice(2));
const session = await ort.InferenceSession.create(args.model, { intraOpNumThreads: 1, logSeverityLevel: 3 });
console.log(`${args.model}: inputs ${session.inputNames.join(', ')}; outputs ${session.outputNames.join(', ')}`);
let ok = check('zeros', await session.run(feedsFor(session, args, () => 0)), args);
const normal = normalSource(12345);
ok = check('noise', await session.run(feedsFor(session, args, normal)), args) && ok;
console.log(ok ? 'ok: all outputs finite with the expected shapes' : 'FAILED');
process.exit(ok ? 0 : 1);
