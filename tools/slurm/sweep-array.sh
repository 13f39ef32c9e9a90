#!/usr/bin/env bash
# Run a perturbation sweep as a Slurm job array; every array task is one shard of the same dataset.
#
# 1. Build once, on a login node, into a shared folder (the array must not build):
#      dotnet publish src/EiRnn.Cli -c Release -o /shared/eirnn-build
#    (add -p:OrtFlavor=Gpu for CUDA nodes; see docs/native-libraries.md#gpu-package-and-the-cuda-switch)
# 2. Submit, e.g. 16 shards:
#      sbatch --array=0-15 tools/slurm/sweep-array.sh /shared/eirnn-build models/rdm-fixed/model.onnx \
#             data/sweeps/rdm-fixed-example.json /shared/datasets/rdm-sweep
# Each task computes its shard from SLURM_ARRAY_TASK_ID / _MIN / _STEP / _COUNT (docs/sweeps.md#work-units-seeds-and-shards),
# writes only its own files and a _SUCCESS.<I>-of-<N> marker. Re-submitting the same array resumes: units
# already complete are skipped. Check progress with: eirnn sweep --status --spec ... --out ...
#SBATCH --job-name=eirnn-sweep
#SBATCH --cpus-per-task=2
#SBATCH --mem=4G
#SBATCH --time=04:00:00
#SBATCH --output=eirnn-sweep-%A_%a.log
set -euo pipefail
if [[ $# -lt 4 ]]; then
  echo "usage: sbatch --array=0-(N-1) $0 BUILD_DIR MODEL.onnx SPEC.json OUT_DIR [extra sweep options]" >&2
  exit 2
fi
build="$1"; model="$2"; spec="$3"; out="$4"; shift 4
exec "$build/eirnn" sweep --model "$model" --spec "$spec" --out "$out" --threads "${SLURM_CPUS_PER_TASK:-1}" "$@"
